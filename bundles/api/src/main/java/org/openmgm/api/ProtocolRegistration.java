package org.openmgm.api;

import java.util.SortedSet;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The handle of a registered client (spec §2.3): what a routing protocol, or IGMP, uses to act on
 * the MGM. The MGM hands it to the protocol in {@link
 * org.openmgm.spi.MulticastRoutingProtocol#attached(ProtocolRegistration)} after binding the
 * protocol's service; it becomes invalid when that service goes away or the MGM stops, after
 * which every mutating call fails with {@link MgmStatus#INVALID_PARAMETER} (spec [RES Q4]).
 *
 * <h2>Threading</h2>
 * Every method is thread-safe and may be called from any thread, including from inside any
 * callback of {@link org.openmgm.spi.MulticastRoutingProtocol} (the MGM holds no lock while it
 * calls out, spec [RES Q31]). Callbacks an operation triggers are delivered on the calling thread
 * before the operation returns. Do not hold, while calling the MGM, a lock that one of your own
 * callbacks needs: your callbacks may run inside your call.
 *
 * <h2>Failure atomicity</h2>
 * An operation that throws {@link MgmException} changed nothing and delivered no callback.
 */
@ProviderType
public interface ProtocolRegistration {

    /**
     * Returns the protocol and component numbers of this client.
     *
     * @return the id, never {@code null}
     */
    ProtocolId id();

    /**
     * Tells whether the MGM treats this client as IGMP (spec [RES Q9]).
     *
     * @return {@code true} for the IGMP client
     */
    boolean isIgmp();

    /**
     * Tells whether this handle is still registered. Once {@code false}, it stays {@code false}.
     *
     * @return {@code true} until the protocol's service is unbound or the MGM stops
     */
    boolean isValid();

    /**
     * Takes ownership of an interface (spec §3.3, transitions T1–T7 of §2.5).
     *
     * <p>A routing protocol becomes the interface's only routing owner. If IGMP already holds the
     * interface, IGMP receives {@code disableIgmp(ifId)}, its memberships there are removed with
     * the usual prune alerts, forwarding entries that mention the interface are purged, and IGMP
     * then receives {@code enableIgmp(ifId)}; all of it before this method returns. IGMP may join
     * an interface a routing protocol owns (co-ownership, no bracket).
     *
     * @param ifId the interface to take
     * @throws MgmException {@link MgmStatus#ALREADY_EXISTS} if another routing protocol owns it,
     *     the caller already holds it, or (for IGMP) IGMP already holds it; {@link
     *     MgmStatus#INVALID_PARAMETER} if this handle is no longer valid; {@link
     *     MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    void takeInterface(InterfaceId ifId);

    /**
     * Releases ownership of an interface (spec §3.4, transitions T8–T12 of §2.5).
     *
     * <p>The caller's memberships on the interface are removed with the usual prune alerts and
     * local leaves, and every forwarding entry that mentions the interface is deleted. When a
     * routing protocol releases an interface IGMP also holds, the change is bracketed by {@code
     * disableIgmp}/{@code enableIgmp} to IGMP, and IGMP's memberships there are removed too (it
     * re-adds them after the bracket). All callbacks complete before this method returns.
     *
     * @param ifId the interface to release
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if this handle is no longer valid
     *     or the caller does not hold the interface ("interface not found", spec T12); {@link
     *     MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    void releaseInterface(InterfaceId ifId);

    /**
     * Returns the interfaces this client holds now.
     *
     * @return an immutable snapshot in {@link InterfaceId} order; empty once the handle is invalid
     */
    SortedSet<InterfaceId> interfaces();
}
