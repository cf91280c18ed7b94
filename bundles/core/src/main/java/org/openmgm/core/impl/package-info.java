/**
 * The Multicast Group Manager of {@code spec/MGM.md}, private to the core bundle.
 *
 * <h2>How it is built</h2>
 * <ul>
 *   <li>{@link org.openmgm.core.impl.MgmComponent} is the DS face: it publishes the service, binds
 *       the protocol whiteboard, the forwarding plane and the route lookups, and owns the threads.</li>
 *   <li>{@link org.openmgm.core.impl.MulticastGroupManager} is the entry point of every operation:
 *       it takes the one lock of {@link org.openmgm.core.impl.MgmState}, lets the rule classes change
 *       the state and collect callbacks in an {@link org.openmgm.core.impl.Outbox}, releases the lock
 *       and has the {@link org.openmgm.core.impl.CallbackDispatcher} deliver them.</li>
 *   <li>The rules: {@link org.openmgm.core.impl.OwnershipOps} (§2.5), {@link
 *       org.openmgm.core.impl.MembershipOps} and {@link org.openmgm.core.impl.AlertRules} (§2.6,
 *       §3.6–3.7, §4.4–4.7), {@link org.openmgm.core.impl.MfeOps} (§2.7, §5.9), {@link
 *       org.openmgm.core.impl.MfeCreation} (§5.8), {@link org.openmgm.core.impl.PlaneEvents} (upcalls,
 *       route changes, expiry) and {@link org.openmgm.core.impl.WrongInterfaceAlerts} (§4.8).</li>
 *   <li>The tables are compact because a router may hold millions of entries: interfaces get dense
 *       slots, interface sets are interned bit sets, keys are packed longs ({@link
 *       org.openmgm.core.impl.util.Ipv4}), MFEs sit in one ordered set with an expiry wheel.</li>
 * </ul>
 * <h2>Decisions where the spec is silent (in the style of spec §6)</h2>
 * <table>
 *   <caption>OpenMGM resolutions</caption>
 *   <tr><th>Id</th><th>Gap</th><th>Resolution</th></tr>
 *   <tr><td>A1</td><td>Who is "the caller" when the MGM removes memberships itself (releases,
 *       brackets)?</td><td>The client whose membership is removed; see {@link AlertRules}.</td></tr>
 *   <tr><td>A2</td><td>Which MFEs an ownership change purges when membership removal in the same
 *       change already emptied them (§5.3 step 4, §5.13).</td><td>Those that mentioned the
 *       interface when the change began: they are taken out first, without MFE-level prune alerts
 *       about entries that are going away, and announced after the membership alerts.</td></tr>
 *   <tr><td>A3</td><td>MFE deletion is silent in the original (§2.7.6).</td><td>A deletion alert
 *       (reason EXPIRED, OWNERSHIP_CHANGED, ROUTE_CHANGED) to the iif's component and each OIF's
 *       component; none when the MGM stops ([RES Q5]).</td></tr>
 *   <tr><td>A4</td><td>What state queries see inside DisableIgmp.</td><td>The ownership change is
 *       committed atomically with the bracket mark, so queries already see the new owner; IGMP's
 *       membership calls there fail with CAN_NOT_COMPLETE until EnableIgmp.</td></tr>
 *   <tr><td>A5</td><td>A callback that throws, stalls, or answers null.</td><td>Thrown: logged,
 *       counted, the proposal (RPF) or all candidates (creation alert) are kept. Stuck beyond
 *       {@code callbacks.stallMs}: the protocol is skipped until it returns ({@link Watchdog}).
 *       Null: as the default.</td></tr>
 *   <tr><td>A6</td><td>Registration and first callbacks race.</td><td>No callback reaches a protocol
 *       before its {@code attached} returned (deliveries from other threads wait, bounded).</td></tr>
 *   <tr><td>A7</td><td>Address families.</td><td>The API is family-neutral; this MGM implements IPv4
 *       and refuses IPv6 keys and addresses with INVALID_PARAMETER.</td></tr>
 *   <tr><td>A8</td><td>An MFE creation overtaken by an ownership change while its callbacks
 *       run.</td><td>It starts over from the route lookup (at most five times), since the kernel
 *       would not ask again for ten seconds.</td></tr>
 *   <tr><td>A9</td><td>IGMPv3 EXCLUDE mode (RFC 3376 §6.2.1) has no counterpart in the original,
 *       whose memberships match every source of their pattern.</td><td>A (*,G) membership may
 *       exclude sources ({@code ProtocolRegistration.setExcludedSources}): it then does not match
 *       data from them, in Cand at creation and in the OIF updates of §2.7.4; other memberships on
 *       the interface still match. Changing the set acts like FORWARD (MFE-level alerts only);
 *       deleting the (*,G) or losing the interface clears it. IGMP's INCLUDE mode is plain (S,G)
 *       memberships.</td></tr>
 *   <tr><td>A10</td><td>The original creates MFEs only on a packet without entry (§5.8); a static
 *       route with a source wants its entry in the kernel at once.</td><td>{@code
 *       ProtocolRegistration.createMfe} runs the §5.8 creation at a protocol's request, with the
 *       route toward the source as arrival interface (no wrong-interface alert), and a lifetime
 *       (zero: it does not age). The multicast view may route by group as well ({@code
 *       MulticastRouteLookup.lookup(source, group)}), which static (*,G) routes need.</td></tr>
 * </table>
 */
package org.openmgm.core.impl;
