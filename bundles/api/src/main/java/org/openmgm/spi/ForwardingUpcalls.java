package org.openmgm.spi;

import java.net.InetAddress;
import java.nio.ByteBuffer;

import org.openmgm.api.InterfaceId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a forwarding plane reports to the MGM (implemented by the MGM, handed to the plane in
 * {@link ForwardingPlane#open(ForwardingUpcalls)}). Both methods may be called from any plane
 * thread; they queue the work on the MGM's event thread and return at once, so a plane never waits
 * for protocols.
 */
@ProviderType
public interface ForwardingUpcalls {

    /**
     * A packet from {@code source} to {@code group} arrived on {@code arrival} and the plane has
     * no entry for that (S,G) (Linux: {@code IGMPMSG_NOCACHE}). The MGM creates an MFE (spec §5.8)
     * and installs it. The plane should hold the packet (Linux queues up to 4) and forward it by
     * the entry once installed.
     *
     * @param arrival the interface the packet came in on
     * @param source its source address
     * @param group its destination group
     * @param header the packet's IP header with options and a payload fragment, as far as the
     *     plane has it (may be empty); read-only, valid during the call only
     */
    void noCacheEntry(InterfaceId arrival, InetAddress source, InetAddress group, ByteBuffer header);

    /**
     * A packet for an (S,G) the plane has an entry for arrived on another interface than the
     * entry's incoming one; the plane dropped and counted it (Linux: {@code IGMPMSG_WRONGVIF}).
     * The MGM may alert the owner of the arrival interface (spec §4.8, [RES Q44]).
     *
     * @param arrival the interface the packet came in on
     * @param source its source address
     * @param group its destination group
     * @param header as for {@link #noCacheEntry}
     */
    void wrongInterface(InterfaceId arrival, InetAddress source, InetAddress group, ByteBuffer header);
}
