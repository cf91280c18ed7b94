package org.openmgm.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A router started from a private copy of the built distribution with {@code bin/openmgm}, as a
 * user would, reading Gogo commands from its standard input. Collects every output line so tests
 * can wait for a log line. {@link #close()} kills it if it is still running.
 */
final class RouterProcess implements AutoCloseable {

    private final Path home;
    private final Process process;
    private final Writer stdin;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private RouterProcess(Path home, Process process) {
        this.home = home;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(this::pump, "router-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Copies the distribution to {@code workDir} and starts it there. */
    static RouterProcess start(Path distribution, Path workDir, Map<String, String> env, String... args)
            throws IOException {
        return start(distribution, workDir, env, home -> { }, List.of(), args);
    }

    /** Something to do to the copy before the router starts (write etc/ files, say). */
    interface Preparation {
        void prepare(Path home) throws IOException;
    }

    /** Copies the distribution to {@code workDir}, prepares the copy and starts it there. */
    static RouterProcess start(Path distribution, Path workDir, Map<String, String> env, Preparation preparation,
                               String... args) throws IOException {
        return start(distribution, workDir, env, preparation, List.of(), args);
    }

    /**
     * Copies the distribution to {@code workDir} and starts it there through a prefix command
     * (e.g. {@code ip netns exec NAME}, which execs the router, so signals reach it).
     */
    static RouterProcess start(Path distribution, Path workDir, Map<String, String> env, List<String> prefix,
                               String... args) throws IOException {
        return start(distribution, workDir, env, home -> { }, prefix, args);
    }

    /** Copies the distribution to {@code workDir}, prepares the copy and starts it through a prefix command. */
    static RouterProcess start(Path distribution, Path workDir, Map<String, String> env, Preparation preparation,
                               List<String> prefix, String... args) throws IOException {
        copyTree(distribution, workDir);
        preparation.prepare(workDir);
        List<String> command = new ArrayList<>(prefix);
        command.add(workDir.resolve("bin/openmgm").toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(workDir.toFile());
        pb.environment().putAll(env);
        return new RouterProcess(workDir, pb.start());
    }

    Path home() {
        return home;
    }

    Process process() {
        return process;
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    /** Sends one Gogo command. */
    void command(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Waits for an output line matching the regular expression and returns it. */
    String await(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (pattern.matcher(lines.get(seen)).find()) {
                        return lines.get(seen);
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no output line matching /" + regex + "/ within " + timeout
                            + "; output was:\n" + String.join("\n", lines));
                }
                try {
                    lines.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Sends SIGTERM and waits for the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of the output pipe
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the router did not stop within " + timeout + " after SIGTERM");
        }
        reader.join(timeout.toMillis()); // the last lines
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
