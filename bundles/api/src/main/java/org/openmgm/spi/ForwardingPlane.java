package org.openmgm.spi;

import java.net.InetAddress;
import java.util.Optional;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.MfeCounters;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A multicast forwarding plane the MGM drives (DESIGN.md rule 1: only the MGM touches it): the
 * Linux kernel's multicast routing table, or the in-memory simulation. Published as a service
 * with the property {@value #NAME}; the MGM uses one plane at a time (configuration chooses it by
 * a target filter).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>The MGM calls {@link #open(ForwardingUpcalls)} once before anything else and {@link
 *       #close()} when it stops; after {@code close} the plane holds no entry and no interface of
 *       the MGM's (spec [RES Q5]).</li>
 *   <li>Every other method is called with the MGM's state lock held, serially and in the order of
 *       the state changes: implementations must be quick, must not block on I/O beyond a system
 *       call, and must never call back into the MGM synchronously (upcalls are queued).</li>
 *   <li>A failure to program an entry (e.g. the kernel refuses) is reported by an unchecked
 *       exception; the MGM logs it and keeps its own state.</li>
 * </ul>
 */
@ConsumerType
public interface ForwardingPlane {

    /** Service property (String): the plane's name, e.g. {@code "sim"} or {@code "linux"}. */
    String NAME = "mgm.plane";

    /**
     * Starts serving the MGM: from now on report upcalls to {@code upcalls}.
     *
     * @param upcalls where to report packets without entry and packets on the wrong interface
     */
    void open(ForwardingUpcalls upcalls);

    /** Stops serving the MGM: withdraw every entry and interface it added; report no more upcalls. */
    void close();

    /**
     * An interface became held by a protocol: the plane should be ready to receive on it (report
     * upcalls for it) and to forward out of it.
     *
     * @param ifId the interface
     */
    void addInterface(InterfaceId ifId);

    /**
     * An interface is no longer held; no entry mentions it any more.
     *
     * @param ifId the interface
     */
    void removeInterface(InterfaceId ifId);

    /**
     * Installs an entry, or replaces the one for the same (S,G). The entry's interfaces may include
     * one that was never added (an incoming interface nobody holds, spec [RES Q19]).
     *
     * @param entry the entry
     */
    void install(ForwardingEntry entry);

    /**
     * Removes the entry for an (S,G), if any.
     *
     * @param source the source
     * @param group the group
     */
    void remove(InetAddress source, InetAddress group);

    /**
     * Reads the counters of an installed entry.
     *
     * @param source the source
     * @param group the group
     * @return the counters, or empty if the plane has no such entry
     */
    Optional<MfeCounters> counters(InetAddress source, InetAddress group);
}
