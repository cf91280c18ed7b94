package org.openmgm.api;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The read side of the Multicast Group Manager: what any bundle in the router, including an
 * administrative tool that holds no registration, may ask (spec §1.2, §3.5).
 *
 * <p>The service is local to the router process and must never be exported remotely (spec §3.0).
 * Every method is thread-safe, never blocks on a callback, and answers from a consistent view of
 * the state at the moment of the call.
 *
 * <p>Protocols do not register through this service: they publish a {@link
 * org.openmgm.spi.MulticastRoutingProtocol} service and act through the {@link
 * ProtocolRegistration} handed to them.
 */
@ProviderType
public interface MulticastGroupService {

    /**
     * Returns the component that owns an interface (spec §3.5): the routing protocol when one owns
     * it, even if IGMP holds it too; IGMP when only IGMP holds it ([RES Q32]).
     *
     * @param ifId the interface
     * @return the owner's ids, or empty when nobody holds the interface (the original's {@code
     *     ERROR_NOT_FOUND})
     * @throws MgmException {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    Optional<ProtocolId> protocolOnInterface(InterfaceId ifId);

    /**
     * Returns who holds an interface.
     *
     * @param ifId the interface
     * @return its ownership, or empty when nobody holds it
     * @throws MgmException {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    Optional<InterfaceOwnership> interfaceOwnership(InterfaceId ifId);

    /**
     * Returns every held interface with its owners.
     *
     * @return the interfaces in {@link InterfaceId} order; an immutable snapshot
     * @throws MgmException {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    List<InterfaceOwnership> interfaces();

    /**
     * Returns every registered client.
     *
     * @return the clients in registration order; an immutable snapshot
     * @throws MgmException {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    List<RegisteredProtocol> protocols();

    /**
     * Returns one registered client.
     *
     * @param id the protocol and component numbers
     * @return the client, or empty when no such client is registered
     * @throws MgmException {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    Optional<RegisteredProtocol> protocol(ProtocolId id);

    /**
     * Returns every JOIN membership entry.
     *
     * @return an immutable snapshot, ordered by key, then interface, then client
     * @throws MgmException {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    List<Membership> memberships();

    /**
     * Returns the most recent callbacks the MGM made, oldest first: its flight recorder, which
     * keeps the last {@code callbacks.journalSize} (default 1024) callbacks of every protocol.
     *
     * @param maxEntries the most records to return, from the newest back
     * @return an immutable snapshot
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if {@code maxEntries} is negative
     */
    List<CallbackRecord> recentCallbacks(int maxEntries);

    /**
     * Returns one MFE (spec §3.9).
     *
     * @param source the source
     * @param group the group
     * @return the entry, or empty when there is none (the original's {@code ERROR_NOT_FOUND})
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if an argument is null; {@link
     *     MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    Optional<Mfe> mfe(InetAddress source, InetAddress group);

    /**
     * Returns a page of MFEs in (group, source) order (spec §3.10–3.11): the first page with
     * {@code after == null}, then pages after the last key returned. The continuation key need not
     * exist any more ([RES Q34]); each page reflects the table at the moment of the call, and no
     * entry is returned twice within a walk ([RES Q35]).
     *
     * @param after the (S,G) key of the last entry of the previous page, or {@code null}
     * @param maxEntries the largest page wanted, at least 1
     * @return up to {@code maxEntries} entries; empty when the walk is complete
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if {@code maxEntries} is below 1 or
     *     {@code after} is not an (S,G) key; {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is
     *     stopping
     */
    List<Mfe> mfes(SourceGroup after, int maxEntries);

    /**
     * Returns one MFE with its counters (spec §3.12).
     *
     * @param source the source
     * @param group the group
     * @return the statistics, or empty when there is no such MFE
     * @throws MgmException as {@link #mfe(InetAddress, InetAddress)}
     */
    Optional<MfeStatistics> mfeStatistics(InetAddress source, InetAddress group);

    /**
     * Returns a page of MFE statistics in (group, source) order (spec §3.13), with the walk rules
     * of {@link #mfes(SourceGroup, int)}.
     *
     * @param after the (S,G) key of the last entry of the previous page, or {@code null}
     * @param maxEntries the largest page wanted, at least 1
     * @return up to {@code maxEntries} entries; empty when the walk is complete
     * @throws MgmException as {@link #mfes(SourceGroup, int)}
     */
    List<MfeStatistics> mfeStatistics(SourceGroup after, int maxEntries);

    /**
     * Walks every MFE in (group, source) order, lazily, a page at a time.
     *
     * @return a stream over the table as it evolves during the walk
     * @throws MgmException {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    default Stream<Mfe> mfes() {
        return walk(this::mfes, Mfe::key);
    }

    /**
     * Walks the statistics of every MFE in (group, source) order, lazily, a page at a time.
     *
     * @return a stream over the table as it evolves during the walk
     * @throws MgmException {@link MgmStatus#CAN_NOT_COMPLETE} if the MGM is stopping
     */
    default Stream<MfeStatistics> mfeStatistics() {
        return walk(this::mfeStatistics, s -> s.mfe().key());
    }

    private static <T> Stream<T> walk(BiFunction<SourceGroup, Integer, List<T>> page,
                                      java.util.function.Function<T, SourceGroup> keyOf) {
        Iterator<T> it = new Iterator<>() {
            private List<T> current = new ArrayList<>();
            private int index;
            private SourceGroup last;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (index < current.size()) {
                    return true;
                }
                if (done) {
                    return false;
                }
                current = page.apply(last, 256);
                index = 0;
                done = current.size() < 256;
                if (!current.isEmpty()) {
                    last = keyOf.apply(current.get(current.size() - 1));
                }
                return !current.isEmpty();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.get(index++);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
