package org.openmgm.spi;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.Prefix;
import org.openmgm.api.SourceGroup;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The simulated forwarding plane's control surface, for tests and demos on machines without a
 * kernel plane: inject "a packet from S to G arrived on interface X" and see what the plane did
 * with it, and configure the routes its multicast view answers with. Published by the simulated
 * plane bundle as a service. Thread-safe.
 */
@ProviderType
public interface PacketSimulator {

    /** What the plane did with an injected packet. */
    enum Outcome {
        /** Forwarded out of {@link Delivery#forwardedTo()} by an installed entry. */
        FORWARDED,
        /** No entry yet: queued (up to 4 per (S,G), like Linux) and reported to the MGM. */
        QUEUED,
        /** The entry's incoming interface is another one: dropped, counted, reported. */
        DROPPED_WRONG_INTERFACE,
        /** A negative entry (no outgoing interface): dropped and counted. */
        DROPPED_NEGATIVE,
        /** No entry and the queue for that (S,G) is full: dropped and counted. */
        DROPPED_QUEUE_FULL,
        /** The arrival interface is not one the MGM added: the plane ignores it. */
        DROPPED_NOT_ENABLED,
        /** The plane is not open (no MGM drives it). */
        DROPPED_CLOSED
    }

    /**
     * The fate of one injected packet.
     *
     * @param outcome what happened
     * @param forwardedTo the interfaces it went out of, in interface order (empty unless forwarded)
     */
    record Delivery(Outcome outcome, List<InterfaceId> forwardedTo) {

        /**
         * Validates and copies (an immutable list is kept as it is).
         *
         * @throws NullPointerException if an argument is null
         */
        public Delivery {
            Objects.requireNonNull(outcome, "outcome");
            forwardedTo = List.copyOf(forwardedTo);
        }
    }

    /**
     * Per-interface counters, like Linux's {@code /proc/net/ip_mr_vif}.
     *
     * @param packetsIn packets that arrived on the interface
     * @param bytesIn their bytes
     * @param packetsOut packets forwarded out of it
     * @param bytesOut their bytes
     */
    record InterfaceCounters(long packetsIn, long bytesIn, long packetsOut, long bytesOut) {
    }

    /**
     * An IGMP message the plane sent on behalf of the IGMP router.
     *
     * @param ifId the interface it went out of
     * @param destination its IP destination
     * @param message the IGMP message bytes
     */
    record SentIgmp(InterfaceId ifId, InetAddress destination, byte[] message) {

        /**
         * Copies the bytes.
         *
         * @throws NullPointerException if an argument is null
         */
        public SentIgmp {
            Objects.requireNonNull(ifId, "ifId");
            Objects.requireNonNull(destination, "destination");
            message = message.clone();
        }

        /**
         * Returns the message bytes.
         *
         * @return a copy of the IGMP message
         */
        @Override
        public byte[] message() {
            return message.clone();
        }
    }

    /**
     * Injects one packet.
     *
     * @param arrival the interface it arrives on
     * @param source its source (unicast)
     * @param group its group (multicast)
     * @param length its length in bytes (for byte counters), positive
     * @return what the plane did with it; for {@link Outcome#QUEUED} the fate of the packet is
     *     decided when the MGM installs the entry
     * @throws IllegalArgumentException if an argument is malformed
     */
    Delivery inject(InterfaceId arrival, InetAddress source, InetAddress group, int length);

    /**
     * Returns the entries the plane holds, as the MGM installed them.
     *
     * @return an immutable snapshot
     */
    Map<SourceGroup, ForwardingEntry> entries();

    /**
     * Returns the interfaces the MGM added, with their counters.
     *
     * @return an immutable snapshot in interface order
     */
    Map<InterfaceId, InterfaceCounters> interfaceCounters();

    /**
     * Adds or replaces a route of the simulated multicast view and tells the route listeners.
     *
     * @param destination the destination prefix
     * @param ifId the interface toward it
     * @param nextHop the upstream neighbour, or the unspecified address when directly connected
     */
    void addRoute(Prefix destination, InterfaceId ifId, InetAddress nextHop);

    /**
     * Removes a route of the simulated multicast view and tells the route listeners.
     *
     * @param destination the destination prefix
     * @return whether there was such a route
     */
    boolean removeRoute(Prefix destination);

    /**
     * Returns the route the multicast view would use toward a source.
     *
     * @param source a unicast address
     * @return the longest-match route, if any
     */
    Optional<ReversePath> routeToward(InetAddress source);

    /**
     * Defines (or redefines) a simulated system interface: what the plane's interface directory
     * reports and where IGMP can run.
     *
     * @param info the interface
     */
    void defineInterface(NetworkInterfaceInfo info);

    /**
     * Removes a simulated system interface (as if unplugged).
     *
     * @param ifId the interface
     * @return whether it existed
     */
    boolean undefineInterface(InterfaceId ifId);

    /**
     * Delivers an IGMP message to the IGMP router as if it had arrived on an interface.
     *
     * @param packet the message with its IP header facts
     * @return {@code false} if IGMP is not enabled on that interface (the message is dropped)
     */
    boolean injectIgmp(IgmpPacket packet);

    /**
     * Returns the IGMP messages sent so far (oldest first) and forgets them.
     *
     * @return the messages sent since the previous call
     */
    List<SentIgmp> takeSentIgmp();
}
