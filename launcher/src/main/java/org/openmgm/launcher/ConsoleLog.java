package org.openmgm.launcher;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The router's log: everything written to {@code System.err} — the bundles' slf4j output and the
 * launcher's own lines — goes to the console and to {@code data/log/openmgm.log}. The file is
 * rotated once (to {@code openmgm.log.1}) at start when it exceeds {@value #ROTATE_BYTES} bytes.
 */
final class ConsoleLog {

    static final String FORMAT = "yyyy-MM-dd HH:mm:ss.SSS";
    private static final long ROTATE_BYTES = 16L * 1024 * 1024;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(FORMAT);

    private final PrintStream out;
    private final OutputStream file;

    private ConsoleLog(PrintStream out, OutputStream file) {
        this.out = out;
        this.file = file;
    }

    static ConsoleLog install(Path logDir) throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve("openmgm.log");
        if (Files.exists(log) && Files.size(log) > ROTATE_BYTES) {
            Files.move(log, logDir.resolve("openmgm.log.1"), StandardCopyOption.REPLACE_EXISTING);
        }
        OutputStream file = new FileOutputStream(log.toFile(), true);
        PrintStream tee = new PrintStream(new Tee(System.err, file), true, StandardCharsets.UTF_8);
        System.setErr(tee);
        return new ConsoleLog(tee, file);
    }

    void info(String message) {
        line("INFO", message);
    }

    void warn(String message) {
        line("WARN", message);
    }

    void error(String message, Throwable cause) {
        line("ERROR", message);
        if (cause != null && Boolean.getBoolean("openmgm.debug")) {
            cause.printStackTrace(out);
        }
    }

    private void line(String level, String message) {
        out.println(TIME.format(LocalDateTime.now()) + " [" + Thread.currentThread().getName() + "] " + level
                + " org.openmgm.launcher - " + message);
    }

    void close() {
        out.flush();
        try {
            file.flush();
        } catch (IOException ignored) {
            // Nothing left to report it to.
        }
    }

    /** Writes every byte to the console and the file. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final OutputStream file;

        Tee(OutputStream console, OutputStream file) {
            this.console = console;
            this.file = file;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            console.write(b);
            file.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            file.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            console.flush();
            file.flush();
        }
    }
}
