package org.openmgm.forwarding.linux.mroute;

import java.lang.foreign.MemorySegment;
import java.util.function.IntFunction;

/**
 * The kernel side of the plane assembled: the {@link MrouteSocket} that owns the table, the {@link
 * KernelForwarding} and {@link KernelIgmpIo} over it, and the {@link SocketReader} that feeds both
 * from the one socket (byte 9 of each datagram tells an upcall from IGMP).
 */
public final class KernelMulticast {

    private final MrouteSocket socket;
    private final KernelForwarding forwarding;
    private final KernelIgmpIo igmp;
    private final IgmpSender sender;
    private final SocketReader reader;
    private boolean shut;

    private KernelMulticast(MrouteSocket socket, IntFunction<String> names, KernelIgmpIo.Addresses addresses,
                            String threadName) {
        this.socket = socket;
        this.forwarding = new KernelForwarding(socket, names);
        this.sender = new IgmpSender(socket.fd());
        this.igmp = new KernelIgmpIo(sender, addresses, names);
        this.reader = new SocketReader(socket.fd(), new SocketReader.Sink() {
            @Override
            public void upcall(MemorySegment data, long length) {
                forwarding.upcall(data, length);
            }

            @Override
            public void igmp(MemorySegment data, long length, int ifIndex) {
                igmp.received(data, length, ifIndex);
            }
        }, threadName);
    }

    /**
     * Takes a table and prepares the reader (not started).
     *
     * @param table the multicast routing table, -1 for the default
     * @param allWrongInterfaces whether every wrong-interface packet is reported (MRT_PIM)
     * @param ttlThreshold TTL threshold of outgoing interfaces
     * @param names describes an interface index for messages
     * @param addresses the interfaces' addresses (source of IGMP sent, own packets not received)
     * @param threadName the reader thread's name
     * @return the kernel side
     * @throws org.openmgm.forwarding.linux.sys.SysException naming the failed call; nothing stays open
     */
    public static KernelMulticast open(int table, boolean allWrongInterfaces, int ttlThreshold,
                                       IntFunction<String> names, KernelIgmpIo.Addresses addresses,
                                       String threadName) {
        MrouteSocket socket = MrouteSocket.open(table, allWrongInterfaces);
        try {
            socket.threshold(ttlThreshold);
            return new KernelMulticast(socket, names, addresses, threadName);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Starts the reader thread. */
    public void start() {
        reader.start();
    }

    /**
     * Returns the forwarding plane.
     *
     * @return the MFC and VIF side
     */
    public KernelForwarding forwarding() {
        return forwarding;
    }

    /**
     * Returns the IGMP packet I/O.
     *
     * @return the IGMP side
     */
    public KernelIgmpIo igmp() {
        return igmp;
    }

    /**
     * Returns the socket.
     *
     * @return the multicast routing socket
     */
    public MrouteSocket socket() {
        return socket;
    }

    /** Stops the reader, withdraws every VIF and entry, gives the table up and closes everything. */
    public synchronized void shutdown() {
        if (shut) {
            return;
        }
        shut = true;
        reader.stop();
        try {
            forwarding.close();
        } finally {
            igmp.shutdown();
            sender.close();
            socket.close();
        }
    }
}
