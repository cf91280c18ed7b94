package org.openmgm.api;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.Set;
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

    /**
     * Adds a membership entry, or forwarding state, on an interface the caller holds (spec §3.6).
     *
     * <p>{@link MembershipFlag#JOIN}: records that the caller has receivers for {@code key} on
     * {@code ifId} (a no-op without callbacks if the entry exists, [RES Q16]); the interface
     * becomes an outgoing interface of every matching forwarding entry except where it is the
     * incoming one. Callbacks, in this order: a local join to the routing owner when IGMP adds on a
     * routing protocol's interface; join alerts by the component-counting rules of spec §4.4.3;
     * forwarding-entry join alerts (memberUpdate {@code false}) to the iif owners of entries whose
     * outgoing list became non-empty. {@link MembershipFlag#FORWARD}: adds the interface to the
     * existing matching entries without recording membership (spec §2.6.2). With both flags JOIN
     * runs first.
     *
     * @param key the (S,G), (*,G) or (*,*) key
     * @param ifId an interface the caller owns (a routing protocol) or holds (IGMP)
     * @param flags a non-empty set of flags
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if this handle is invalid, an
     *     argument is null or the flags are empty, or another protocol owns the interface; {@link
     *     MgmStatus#NOT_FOUND} if nobody holds the interface; {@link MgmStatus#CAN_NOT_COMPLETE} if
     *     IGMP calls inside a disable/enable bracket of that interface or the MGM is stopping;
     *     {@link MgmStatus#NOT_ENOUGH_MEMORY} if the configured membership limit is reached
     */
    void addMembership(SourceGroup key, InterfaceId ifId, Set<MembershipFlag> flags);

    /**
     * Joins: {@link #addMembership(SourceGroup, InterfaceId, Set)} with {@link MembershipFlag#JOIN}.
     *
     * @param key the (S,G), (*,G) or (*,*) key
     * @param ifId an interface the caller holds
     * @throws MgmException as {@link #addMembership(SourceGroup, InterfaceId, Set)}
     */
    default void addMembership(SourceGroup key, InterfaceId ifId) {
        addMembership(key, ifId, EnumSet.of(MembershipFlag.JOIN));
    }

    /**
     * Deletes a membership entry, or forwarding state, on an interface the caller holds (spec
     * §3.7).
     *
     * <p>{@link MembershipFlag#JOIN}: removes the entry (a no-op if absent); matching forwarding
     * entries stop forwarding to the interface unless another matching membership remains there or
     * it was forced. Callbacks, in this order: a local leave to the routing owner when IGMP deletes
     * on its interface; prune alerts by the rules of spec §4.5.3 (carrying {@code ifId});
     * forwarding-entry prune alerts (memberDelete {@code false}) to the iif owners of entries whose
     * outgoing list became empty, whose answer becomes the entry's lifetime. {@link
     * MembershipFlag#FORWARD}: removes the interface from the existing matching entries and keeps
     * it off until a new JOIN there (spec §2.7.4).
     *
     * @param key the (S,G), (*,G) or (*,*) key
     * @param ifId an interface the caller holds
     * @param flags a non-empty set of flags
     * @throws MgmException as {@link #addMembership(SourceGroup, InterfaceId, Set)}, without the
     *     memory limit
     */
    void deleteMembership(SourceGroup key, InterfaceId ifId, Set<MembershipFlag> flags);

    /**
     * Leaves: {@link #deleteMembership(SourceGroup, InterfaceId, Set)} with {@link
     * MembershipFlag#JOIN}.
     *
     * @param key the (S,G), (*,G) or (*,*) key
     * @param ifId an interface the caller holds
     * @throws MgmException as {@link #deleteMembership(SourceGroup, InterfaceId, Set)}
     */
    default void deleteMembership(SourceGroup key, InterfaceId ifId) {
        deleteMembership(key, ifId, EnumSet.of(MembershipFlag.JOIN));
    }

    /**
     * Excludes sources from this client's (*,G) JOIN membership on an interface: an OpenMGM
     * extension for source-filtered membership (IGMPv3 and MLDv2 EXCLUDE mode, RFC 3376 §6.2.1;
     * also fits PIM-SM (S,G,rpt) prunes). While {@code sources} holds S, that membership no longer
     * matches data from S to {@code group}: the interface leaves Cand of MFE (S,G) (spec §2.7.4)
     * unless another membership there matches, so the MFE stops forwarding to it, and an MFE
     * created later for (S,G) does not forward to it.
     *
     * <p>The call replaces the whole excluded set (empty: none). It may precede the (*,G) JOIN, so
     * that joining never forwards an excluded source even for an instant; deleting the (*,G)
     * membership, or losing the interface, clears the set. Only MFE-level alerts follow (as for
     * {@link MembershipFlag#FORWARD}); no join, prune, local join or local leave alert.
     *
     * @param group the group of the (*,G) membership
     * @param ifId an interface the caller holds
     * @param sources the unicast sources to exclude; the set is copied
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if this handle is invalid, an
     *     argument is null, the group is not multicast, a source is not a unicast address of the
     *     group's family, or another protocol owns the interface; {@link MgmStatus#NOT_FOUND} if
     *     nobody holds the interface; {@link MgmStatus#CAN_NOT_COMPLETE} as for {@link
     *     #addMembership(SourceGroup, InterfaceId, Set)}
     */
    void setExcludedSources(InetAddress group, InterfaceId ifId, Set<InetAddress> sources);

    /**
     * Creates the MFE (S,G) now, as the first packet from S to G would (spec §5.8: the multicast
     * view's route for S and G proposes the incoming interface, its owner's RPF callback decides,
     * the components with candidate interfaces get creation alerts, the entry is installed in the
     * forwarding plane and announced) — an OpenMGM extension (A10) for protocols that know their
     * flows in advance, such as static routes with a source, so that the forwarding plane holds the
     * entry before any packet arrives. The callbacks run on the calling thread before the call
     * returns.
     *
     * @param source the source, a unicast address
     * @param group the group, a multicast address
     * @param lifetime how long the entry lives; {@link java.time.Duration#ZERO}: it does not age
     * @return the entry as installed, or the existing entry (unchanged) if there is one
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if this handle is invalid, an
     *     argument is null or malformed, or the lifetime is negative; {@link MgmStatus#NOT_FOUND}
     *     if the multicast view has no route for the source; {@link MgmStatus#NOT_ENOUGH_MEMORY}
     *     if the configured MFE limit is reached; {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is
     *     stopping or ownership kept changing under the creation
     */
    Mfe createMfe(InetAddress source, InetAddress group, java.time.Duration lifetime);

    /**
     * Changes the upstream neighbour of an MFE (spec §3.14, [RES Q37]); nothing else changes, no
     * callback is delivered and the forwarding plane is not reprogrammed.
     *
     * @param source the MFE's source
     * @param group the MFE's group
     * @param upstreamNeighbor the new upstream neighbour
     * @throws MgmException {@link MgmStatus#NOT_FOUND} if there is no such MFE; {@link
     *     MgmStatus#INVALID_PARAMETER} if this handle is invalid, an argument is null, or the caller
     *     is not the component owning the MFE's incoming interface
     */
    void setMfeUpstreamNeighbor(InetAddress source, InetAddress group, InetAddress upstreamNeighbor);

    /**
     * Opens an enumeration of the groups joined on this router, by all clients on all interfaces
     * (spec §3.15). Typically called from {@code attached} to learn what existed before the
     * protocol registered.
     *
     * @param type what to list
     * @return the open enumeration, a snapshot of this moment
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if this handle is invalid or the
     *     type is null
     */
    GroupEnumeration openGroupEnumeration(EnumerationType type);
}
