package org.openmgm.forwarding.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A thread inside a network namespace: it enters {@code /var/run/netns/NAME} with {@code setns(2)}
 * (through FFM) before running anything. Network namespaces are per thread on Linux, and threads
 * inherit the namespace of the thread that creates them, so a {@link LinuxPlane} started on this
 * thread has its sockets and its reader threads there, while the test JVM and everything else stay
 * in the host's namespace. Chosen over a child JVM under {@code ip netns exec} because the test
 * then calls the plane directly, sees its upcalls as objects, and needs no IPC.
 */
@SuppressWarnings("restricted")
final class Netns implements AutoCloseable {

    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().find("open").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SETNS = LINKER.downcallHandle(LINKER.defaultLookup().find("setns").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = LINKER.downcallHandle(LINKER.defaultLookup().find("close").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private final String name;
    private final ExecutorService thread;

    /**
     * Makes the thread and enters the namespace.
     *
     * @param name the namespace (made by {@code ip netns add})
     */
    Netns(String name) throws Exception {
        this.name = name;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netns-" + name);
            t.setDaemon(true);
            return t;
        });
        call(() -> {
            try {
                enter(name);
            } catch (Throwable t) {
                throw new IllegalStateException("cannot enter network namespace " + name, t);
            }
            return null;
        });
    }

    private static void enter(String name) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) OPEN.invokeExact(arena.allocateFrom("/var/run/netns/" + name), O_RDONLY_CLOEXEC);
            if (fd < 0) {
                throw new IllegalStateException("cannot open /var/run/netns/" + name);
            }
            int r = (int) SETNS.invokeExact(fd, CLONE_NEWNET);
            int ignored = (int) CLOSE.invokeExact(fd);
            if (r != 0) {
                throw new IllegalStateException("setns into " + name + " failed");
            }
        }
    }

    /**
     * Runs something on the namespace's thread.
     *
     * @param task the work
     * @param <T> its result type
     * @return its result
     */
    <T> T call(Callable<T> task) throws Exception {
        Future<T> f = thread.submit(task);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
