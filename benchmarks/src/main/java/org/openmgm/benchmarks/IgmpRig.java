package org.openmgm.benchmarks;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolId;
import org.openmgm.core.impl.igmp.IgmpClient;
import org.openmgm.forwarding.sim.SimulatedPlane;
import org.openmgm.igmp.impl.glue.IgmpInterfaceSettings;
import org.openmgm.igmp.impl.glue.IgmpRouter;
import org.openmgm.spi.IgmpPacket;
import org.openmgm.spi.NetworkInterfaceInfo;

/**
 * The IGMP receive path wired for one thread, without OSGi: the simulated plane's IGMP link, the
 * IGMP router (validation, codec, state machine), the MGM's IGMP client and the MGM, with a
 * routing protocol owning the upstream interface. Work the router queues runs at once on the
 * calling thread; timers go to a real scheduler whose removal on cancel is O(log n). With the
 * intervals configured here (a day) no timer falls due during a run, so the state machine is only
 * ever touched by the calling thread.
 */
final class IgmpRig {

    static final InterfaceId DOWNSTREAM = InterfaceId.of(101);
    static final InterfaceId UPSTREAM = InterfaceId.of(102);

    /** Runs queued work on the caller; holds the timers. */
    static final class CallerRunsScheduler extends ScheduledThreadPoolExecutor {
        CallerRunsScheduler() {
            super(1);
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public void execute(Runnable command) {
            command.run();
        }
    }

    final CallerRunsScheduler thread = new CallerRunsScheduler();
    final SimulatedPlane plane = new SimulatedPlane(Clock.systemUTC());
    final Routers mgm;
    final IgmpRouter igmp;
    final InetAddress host = Routers.address(0x0A006507);           // 10.0.101.7
    final InetAddress allV3Routers = Routers.address(0xE0000016);   // 224.0.0.22

    /**
     * @param withMgm whether the MGM (through its IGMP client) listens; otherwise IGMP runs alone
     * @param maxGroups the interface's group limit
     */
    IgmpRig(boolean withMgm, int maxGroups) {
        plane.defineInterface(new NetworkInterfaceInfo(DOWNSTREAM, "sim101", true, true,
                List.of(new NetworkInterfaceInfo.Address(Routers.address(0x0A006501), 24))));
        mgm = new Routers(plane, plane, 1);
        mgm.protocols.get(0).takeInterface(UPSTREAM);
        igmp = new IgmpRouter(plane, plane, thread, Clock.systemUTC());
        igmp.start();
        if (withMgm) {
            IgmpClient client = new IgmpClient(Runnable::run);
            mgm.mgm.register(ProtocolId.of(ProtocolId.IGMP_PROTOCOL, 0), "igmp", "bench", client);
            igmp.addListener(client);
        }
        igmp.configure("bench", IgmpInterfaceSettings.parse(Map.of("interface", "sim101", "fastLeave", "true",
                "queryInterval", "86400", "startupQueryInterval", "86400", "startupQueryCount", "1",
                "queryResponseInterval", "10", "maxGroups", maxGroups, "maxSourcesPerGroup", 64)).settings());
    }

    /** Delivers one IGMP message from the host, as the kernel would hand it over. */
    void receive(byte[] igmpMessage) {
        plane.injectIgmp(new IgmpPacket(DOWNSTREAM, host, allV3Routers, 1, true, ByteBuffer.wrap(igmpMessage)));
    }

    void close() {
        igmp.stop();
        thread.shutdownNow();
    }
}
