package org.openmgm.spi;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.SourceGroup;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A multicast routing protocol (or IGMP) as a client of the MGM: the callback table of spec §2.9.1
 * published as an OSGi service (whiteboard).
 *
 * <h2>Registration</h2>
 * Register an instance as a service with the integer properties {@value #PROTOCOL_ID} and {@value
 * #COMPONENT_ID} (and optionally the string {@value #PROTOCOL_NAME}); the {@link MgmProtocol}
 * component property type writes them for a DS component. The MGM binds the service, registers
 * the client (spec §3.1) and calls {@link #attached(ProtocolRegistration)} with the handle the
 * protocol uses from then on. A second service with the same (protocol, component) pair is
 * refused and logged; the protocol number configured as IGMP's (default {@value
 * org.openmgm.api.ProtocolId#IGMP_PROTOCOL}) marks the IGMP client, of which there is at most one.
 *
 * <p>When the service goes away (its bundle stops, is updated or uninstalled), the MGM releases
 * every interface the protocol holds, with all the callbacks to others that an orderly release
 * produces (spec §5.13), invalidates the handle and finally calls {@link
 * #detached(ProtocolRegistration)}. The departing protocol itself receives no other callback
 * during that cleanup.
 *
 * <h2>Threading and ordering (spec §4.1, [RES Q31])</h2>
 * <ul>
 *   <li>A callback triggered by an MGM operation runs on the thread that called the operation,
 *       before the operation returns; callbacks triggered by the forwarding plane or by timers
 *       run on the MGM's event thread ({@code mgm-core-events-0}).</li>
 *   <li>The MGM commits its state change first and calls out holding no lock, so a callback may
 *       call the MGM again (re-entrancy) without deadlock.</li>
 *   <li>Within one operation: {@code disableIgmp} … state change … {@code enableIgmp} for
 *       ownership changes; otherwise local join/leave first, then membership alerts, then
 *       forwarding-entry alerts. Recipients of the same alert are called in registration order.
 *   </li>
 *   <li>Callbacks of different operations may run concurrently on different threads:
 *       implementations must be thread-safe.</li>
 *   <li>A callback that throws is logged and counted, and delivery continues with the next
 *       recipient. A callback that takes longer than the MGM's budget is logged and counted as
 *       slow. Callbacks must not block: hand I/O to your own executor.</li>
 * </ul>
 *
 * <p>Every method has an empty default, the counterpart of a null slot in the original callback
 * table (spec [RES Q23]): implement only what the protocol needs.
 */
@ConsumerType
public interface MulticastRoutingProtocol {

    /** Service property (Integer, mandatory): the protocol number (spec §2.3 dwProtocolId). */
    String PROTOCOL_ID = "mgm.protocol.id";

    /**
     * Service property (Integer, default 0): the instance number within the protocol (spec §2.3
     * dwComponentId).
     */
    String COMPONENT_ID = "mgm.protocol.component";

    /** Service property (String, optional): a human-readable protocol name, e.g. {@code "pim-sm"}. */
    String PROTOCOL_NAME = "mgm.protocol.name";

    /**
     * The MGM registered this protocol (spec §3.1) and hands it its handle. A typical protocol takes
     * its interfaces here (spec §5.1 step 3) and learns pre-existing membership by group
     * enumeration (spec [RES Q8]). Called once per registration, on the thread that bound the
     * service, before any other callback of this registration.
     *
     * @param registration the handle for all further calls, valid until {@link
     *     #detached(ProtocolRegistration)}
     */
    default void attached(ProtocolRegistration registration) {
    }

    /**
     * The registration ended: the protocol's service went away (after the MGM released everything
     * the protocol held) or the MGM itself stopped (spec [RES Q5]: state discarded, no alerts).
     * The handle is already invalid. Called once, last, on the thread that unbound the service or
     * stopped the MGM.
     *
     * @param registration the handle that is no longer valid
     */
    default void detached(ProtocolRegistration registration) {
    }

    /**
     * IGMP only (spec §4.9): a routing protocol is taking or releasing an interface on which IGMP
     * is enabled. From now until {@link #enableIgmp(InterfaceId)} for the same interface, IGMP
     * must neither add nor delete memberships there (such calls fail with {@code
     * CAN_NOT_COMPLETE}). Delivered on the thread of the take/release call, before it returns.
     *
     * @param ifId the interface whose ownership changes
     */
    default void disableIgmp(InterfaceId ifId) {
    }

    /**
     * IGMP only (spec §4.9): the ownership change announced by {@link #disableIgmp(InterfaceId)} is
     * complete. The MGM has removed IGMP's memberships on the interface; IGMP should add them all
     * again, preferably after returning from this callback (re-adding from inside is tolerated).
     * Delivered on the thread of the take/release call, before it returns; never nested for the
     * same interface.
     *
     * @param ifId the interface whose ownership changed
     */
    default void enableIgmp(InterfaceId ifId) {
    }

    /**
     * RPF check (spec §4.2): an MFE is being created for a packet from a new source or to a new
     * group, and this protocol owns the interface toward the source according to the multicast
     * view. Return the reverse path the protocol wants: the incoming interface (which may differ
     * from the proposal and from the interface the packet arrived on), the upstream neighbour and
     * the route used. There is no "reject": steer the incoming interface or refuse forwarding in the
     * creation alert ([RES Q39]). Runs on the MGM's event thread; a callback that throws or returns
     * {@code null} keeps the proposal.
     *
     * @param key the exact (S,G) of the new entry
     * @param proposed the multicast view's reverse path (or the arrival interface when it has no
     *     route, [RES Q11])
     * @param packetHeader the packet's IP header and a payload fragment as the plane reported it
     *     (may be empty); read-only, valid during the call only
     * @return the reverse path to use
     */
    default ReversePath rpf(SourceGroup key, ReversePath proposed, ByteBuffer packetHeader) {
        return proposed;
    }

    /**
     * Creation alert (spec §4.3, [RES Q25]): a new MFE is being created and some of this protocol's
     * interfaces are candidates to forward it (they have matching memberships). Return those it
     * should forward on; any candidate left out is suppressed until a new join there. Called once
     * per protocol that owns candidates, after the RPF callback and before the entry is installed,
     * on the MGM's event thread; not called again when interfaces are added later ([RES Q41]). A
     * callback that throws or returns {@code null} keeps every candidate.
     *
     * @param key the exact (S,G) of the new entry
     * @param incoming the entry's incoming interface
     * @param candidates this protocol's candidate interfaces, in interface order
     * @return the candidates to forward on
     */
    default Set<InterfaceId> creationAlert(SourceGroup key, InterfaceId incoming, List<CandidateInterface> candidates) {
        Set<InterfaceId> all = new HashSet<>(candidates.size() * 2);
        for (CandidateInterface c : candidates) {
            all.add(c.ifId());
        }
        return all;
    }

    /**
     * Deletion alert (an OpenMGM addition; the original announces no deletion, spec §2.7.6): an MFE
     * was deleted because it expired, an interface it mentions changed hands, or its route
     * changed. Sent to the component owning its incoming interface and to each component owning
     * one of its outgoing interfaces, once each, after the deletion; not sent when the MGM stops.
     * Delivered on the thread of the operation that deleted it (the event thread for expiry and
     * route changes).
     *
     * @param key the exact (S,G) of the deleted entry
     * @param incoming its incoming interface
     * @param reason why it was deleted
     */
    default void deletionAlert(SourceGroup key, InterfaceId incoming, MfeDeletionReason reason) {
    }

    /**
     * Join alert (spec §4.4): new receivers exist on interfaces owned by other components; start
     * obtaining the data. With {@code memberUpdate} it was caused by a membership addition and the
     * key is that membership's (S,G), (*,G) or (*,*), dispatched by the counting rules of §4.4.3 (the
     * first component tells everybody, the second tells the first). Without, an MFE's outgoing
     * list went from empty to non-empty and this protocol owns its incoming interface (§4.4.4).
     * Delivered after local joins of the same operation, on the thread of the operation.
     *
     * @param key the key the alert is about
     * @param memberUpdate {@code true} for a membership change, {@code false} for an MFE change
     */
    default void joinAlert(SourceGroup key, boolean memberUpdate) {
    }

    /**
     * Prune alert (spec §4.5): receivers are gone from interfaces owned by other components; stop
     * requesting the data. With {@code memberDelete} it was caused by a membership removal on
     * {@code ifId} (§4.5.3). Without, an MFE whose incoming interface {@code ifId} this protocol
     * owns lost its last outgoing interface (§4.5.4): the returned lifetime then becomes the
     * entry's (counted from now; {@link Duration#ZERO} = keep it forever), while for membership
     * alerts the return value is ignored. Delivered on the thread of the operation.
     *
     * @param key the key the alert is about
     * @param ifId the interface of the removed membership, or the MFE's incoming interface
     * @param memberDelete {@code true} for a membership change, {@code false} for an MFE change
     * @param proposedLifetime the configured default lifetime (900 s unless configured)
     * @return the lifetime the MFE should have (only read when {@code memberDelete} is false)
     */
    default Duration pruneAlert(SourceGroup key, InterfaceId ifId, boolean memberDelete, Duration proposedLifetime) {
        return proposedLifetime;
    }

    /**
     * Wrong-interface alert (spec §4.8, [RES Q44]): data for an existing MFE arrived on an
     * interface this protocol owns that is not the entry's incoming interface (e.g. to start PIM
     * assert processing). At most one per (S,G, interface) per configured interval; on the MGM's
     * event thread.
     *
     * @param source the source of the data
     * @param group its group
     * @param arrival the interface it arrived on
     * @param packetHeader the IP header and a payload fragment (may be empty); read-only, valid
     *     during the call only
     */
    default void wrongInterface(InetAddress source, InetAddress group, InterfaceId arrival, ByteBuffer packetHeader) {
    }

    /**
     * Local join (spec §4.6, [RES Q43]): IGMP found new receivers on an interface this protocol
     * owns. Delivered before any join alert of the same operation, on the thread of IGMP's call.
     *
     * @param key what the receivers asked for
     * @param ifId the interface they are on
     */
    default void localJoin(SourceGroup key, InterfaceId ifId) {
    }

    /**
     * Local leave (spec §4.7, [RES Q43]): IGMP's last receivers for {@code key} left an interface
     * this protocol owns (also when IGMP releases the interface). Delivered before any prune
     * alert of the same operation, on the thread of that operation.
     *
     * @param key what the receivers had asked for
     * @param ifId the interface they were on
     */
    default void localLeave(SourceGroup key, InterfaceId ifId) {
    }
}
