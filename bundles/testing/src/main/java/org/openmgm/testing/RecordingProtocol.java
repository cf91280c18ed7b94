package org.openmgm.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.spi.MulticastRoutingProtocol;

/**
 * A routing protocol that records every callback it receives, in order, as {@link
 * ProtocolEvent}s, and otherwise does what the MGM proposes. Thread-safe.
 *
 * <p>On {@code attached} it keeps the handle (see {@link #registration()}) and then runs an
 * optional action, for example taking interfaces. Tests read {@link #events()} after synchronous
 * operations, or wait with {@link #await(Predicate, Duration)} for asynchronous ones.
 */
public class RecordingProtocol implements MulticastRoutingProtocol {

    private final Object monitor = new Object();
    private final List<ProtocolEvent> events = new ArrayList<>();
    private final Consumer<ProtocolRegistration> onAttach;
    private volatile ProtocolRegistration registration;

    /** Creates a protocol that does nothing on {@code attached} but remember the handle. */
    public RecordingProtocol() {
        this(r -> { });
    }

    /**
     * Creates a protocol that runs an action once attached.
     *
     * @param onAttach runs inside {@code attached}, after the handle is stored and the event recorded
     */
    public RecordingProtocol(Consumer<ProtocolRegistration> onAttach) {
        this.onAttach = onAttach;
    }

    /**
     * Creates a protocol that takes the given interfaces as soon as it is attached.
     *
     * @param interfaces the interfaces to take, in order
     * @return the protocol
     */
    public static RecordingProtocol taking(InterfaceId... interfaces) {
        List<InterfaceId> list = List.of(interfaces);
        return new RecordingProtocol(r -> list.forEach(r::takeInterface));
    }

    /**
     * Returns the handle received in {@code attached}, if any yet.
     *
     * @return the handle; it may have become invalid since
     */
    public Optional<ProtocolRegistration> registration() {
        return Optional.ofNullable(registration);
    }

    /**
     * Returns the handle, failing if the protocol was never attached.
     *
     * @return the handle
     * @throws IllegalStateException if {@code attached} was never called
     */
    public ProtocolRegistration requireRegistration() {
        return registration().orElseThrow(() -> new IllegalStateException("protocol was never attached"));
    }

    /**
     * Returns every event recorded so far.
     *
     * @return an immutable copy, oldest first
     */
    public List<ProtocolEvent> events() {
        synchronized (monitor) {
            return List.copyOf(events);
        }
    }

    /**
     * Returns the recorded events of one kind.
     *
     * @param <T> the event type
     * @param type the event class, for example {@code ProtocolEvent.DisableIgmp.class}
     * @return an immutable list, oldest first
     */
    public <T extends ProtocolEvent> List<T> events(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets every event recorded so far. */
    public void clear() {
        synchronized (monitor) {
            events.clear();
        }
    }

    /**
     * Waits until an event matching the predicate has been recorded.
     *
     * @param match the condition
     * @param timeout how long to wait at most
     * @return the first matching event
     * @throws AssertionError if none arrives in time, listing what was recorded
     */
    public ProtocolEvent await(Predicate<ProtocolEvent> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (true) {
                for (ProtocolEvent e : events) {
                    if (match.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching callback within " + timeout + "; recorded: " + events);
                }
                try {
                    monitor.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for a callback", ie);
                }
            }
        }
    }

    /**
     * Records an event and wakes waiters. Subclasses that add callbacks call this.
     *
     * @param event the event
     */
    protected void record(ProtocolEvent event) {
        synchronized (monitor) {
            events.add(event);
            monitor.notifyAll();
        }
    }

    @Override
    public void attached(ProtocolRegistration registration) {
        this.registration = registration;
        record(new ProtocolEvent.Attached(registration.id()));
        onAttach.accept(registration);
    }

    @Override
    public void detached(ProtocolRegistration registration) {
        record(new ProtocolEvent.Detached(registration.id()));
    }

    @Override
    public void disableIgmp(InterfaceId ifId) {
        record(new ProtocolEvent.DisableIgmp(ifId));
    }

    @Override
    public void enableIgmp(InterfaceId ifId) {
        record(new ProtocolEvent.EnableIgmp(ifId));
    }
}
