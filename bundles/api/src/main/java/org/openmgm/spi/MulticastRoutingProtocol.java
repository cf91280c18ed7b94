package org.openmgm.spi;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolRegistration;
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
}
