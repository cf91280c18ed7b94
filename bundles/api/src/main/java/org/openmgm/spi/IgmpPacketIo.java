package org.openmgm.spi;

import java.net.InetAddress;
import java.util.function.Consumer;

import org.openmgm.api.InterfaceId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sending and receiving IGMP messages on interfaces: raw sockets on Linux, in memory in the
 * simulated plane. Published as a service by a plane bundle, with the {@value
 * ForwardingPlane#NAME} property naming it; the IGMP bundle uses one (chosen by a target filter).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #startReceiving} once before anything else; {@link #stopReceiving} stops delivery
 *       and leaves every group joined for IGMP.</li>
 *   <li>{@link #enable} makes the interface receive IGMP: on Linux it joins 224.0.0.22 (IGMPv3
 *       reports) and 224.0.0.2 (leaves) there, without which those never reach the socket.</li>
 *   <li>{@link #send} sends with IP TTL 1 and the Router Alert option, from the interface's
 *       primary address, to the given destination (RFC 3376 §4, §9).</li>
 *   <li>Received packets are handed over on the I/O implementation's thread; the receiver must
 *       copy what it keeps and return quickly.</li>
 *   <li>Errors (an interface that vanished, a send that fails) are reported by unchecked
 *       exceptions; the caller logs and counts them.</li>
 * </ul>
 */
@ConsumerType
public interface IgmpPacketIo {

    /**
     * Starts delivering received IGMP packets.
     *
     * @param receiver gets every IGMP packet that arrives on an enabled interface
     */
    void startReceiving(Consumer<IgmpPacket> receiver);

    /** Stops delivering and disables every interface. */
    void stopReceiving();

    /**
     * Starts receiving IGMP on an interface.
     *
     * @param ifId the interface
     */
    void enable(InterfaceId ifId);

    /**
     * Stops receiving IGMP on an interface.
     *
     * @param ifId the interface
     */
    void disable(InterfaceId ifId);

    /**
     * Sends an IGMP message out of an interface with TTL 1 and Router Alert.
     *
     * @param ifId the interface
     * @param destination the IP destination (e.g. 224.0.0.1 for a general query)
     * @param message the IGMP message bytes
     */
    void send(InterfaceId ifId, InetAddress destination, byte[] message);
}
