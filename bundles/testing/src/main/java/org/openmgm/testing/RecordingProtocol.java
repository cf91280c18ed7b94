package org.openmgm.testing;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.CandidateInterface;
import org.openmgm.spi.MfeDeletionReason;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.openmgm.spi.ReversePath;

/**
 * A routing protocol that records every callback it receives, in order, as {@link
 * ProtocolEvent}s, and otherwise does what the MGM proposes unless told to answer otherwise
 * ({@link #answerRpf}, {@link #refuse}, {@link #answerPruneLifetime}). Thread-safe.
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
    private volatile UnaryOperator<ReversePath> rpfAnswer = UnaryOperator.identity();
    private final Set<InterfaceId> refused = ConcurrentHashMap.newKeySet();
    private volatile Duration pruneLifetime;

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

    /**
     * Sets how {@code rpf} answers (default: the proposal).
     *
     * @param answer maps the proposed reverse path to the answer
     * @return this protocol
     */
    public RecordingProtocol answerRpf(UnaryOperator<ReversePath> answer) {
        this.rpfAnswer = answer;
        return this;
    }

    /**
     * Makes creation alerts refuse forwarding on these interfaces (default: accept all).
     *
     * @param interfaces the interfaces to leave out
     * @return this protocol
     */
    public RecordingProtocol refuse(InterfaceId... interfaces) {
        refused.addAll(List.of(interfaces));
        return this;
    }

    /**
     * Sets the lifetime MFE-level prune alerts answer (default: the proposal).
     *
     * @param lifetime the lifetime, or {@code null} for the proposal
     * @return this protocol
     */
    public RecordingProtocol answerPruneLifetime(Duration lifetime) {
        this.pruneLifetime = lifetime;
        return this;
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

    @Override
    public ReversePath rpf(SourceGroup key, ReversePath proposed, ByteBuffer packetHeader) {
        record(new ProtocolEvent.Rpf(key, proposed.incoming()));
        return rpfAnswer.apply(proposed);
    }

    @Override
    public Set<InterfaceId> creationAlert(SourceGroup key, InterfaceId incoming, List<CandidateInterface> candidates) {
        record(new ProtocolEvent.CreationAlert(key, incoming, List.copyOf(candidates)));
        Set<InterfaceId> enabled = new HashSet<>();
        for (CandidateInterface c : candidates) {
            if (!refused.contains(c.ifId())) {
                enabled.add(c.ifId());
            }
        }
        return enabled;
    }

    @Override
    public void deletionAlert(SourceGroup key, InterfaceId incoming, MfeDeletionReason reason) {
        record(new ProtocolEvent.DeletionAlert(key, incoming, reason));
    }

    @Override
    public void joinAlert(SourceGroup key, boolean memberUpdate) {
        record(new ProtocolEvent.JoinAlert(key, memberUpdate));
    }

    @Override
    public Duration pruneAlert(SourceGroup key, InterfaceId ifId, boolean memberDelete, Duration proposedLifetime) {
        record(new ProtocolEvent.PruneAlert(key, ifId, memberDelete));
        Duration answer = pruneLifetime;
        return answer == null ? proposedLifetime : answer;
    }

    @Override
    public void wrongInterface(InetAddress source, InetAddress group, InterfaceId arrival, ByteBuffer packetHeader) {
        record(new ProtocolEvent.WrongInterface(source, group, arrival));
    }

    @Override
    public void localJoin(SourceGroup key, InterfaceId ifId) {
        record(new ProtocolEvent.LocalJoin(key, ifId));
    }

    @Override
    public void localLeave(SourceGroup key, InterfaceId ifId) {
        record(new ProtocolEvent.LocalLeave(key, ifId));
    }
}
