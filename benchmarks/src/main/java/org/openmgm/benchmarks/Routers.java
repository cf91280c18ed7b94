package org.openmgm.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.ProtocolRegistration;
import org.openmgm.api.SourceGroup;
import org.openmgm.core.impl.MgmSettings;
import org.openmgm.core.impl.MulticastGroupManager;
import org.openmgm.core.impl.RouteLookups;
import org.openmgm.spi.CandidateInterface;
import org.openmgm.spi.ForwardingPlane;
import org.openmgm.spi.MfeDeletionReason;
import org.openmgm.spi.MulticastRouteLookup;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.openmgm.spi.ReversePath;
import org.openmgm.testing.ManualScheduler;

/** Builds MGMs for the benchmarks: no OSGi, a manual event loop, protocols whose callbacks do nothing. */
final class Routers {

    /**
     * A protocol whose callbacks are all implemented and do nothing, so that the MGM really
     * dispatches every one (a callback left to its interface default would be skipped as a null
     * slot).
     */
    static final class Quiet implements MulticastRoutingProtocol {
        @Override
        public ReversePath rpf(SourceGroup key, ReversePath proposed, ByteBuffer packetHeader) {
            return proposed;
        }

        @Override
        public Set<InterfaceId> creationAlert(SourceGroup key, InterfaceId incoming, List<CandidateInterface> c) {
            return null;   // documented: keep every candidate
        }

        @Override
        public void deletionAlert(SourceGroup key, InterfaceId incoming, MfeDeletionReason reason) {
        }

        @Override
        public void joinAlert(SourceGroup key, boolean memberUpdate) {
        }

        @Override
        public Duration pruneAlert(SourceGroup key, InterfaceId ifId, boolean memberDelete, Duration proposed) {
            return proposed;
        }

        @Override
        public void localJoin(SourceGroup key, InterfaceId ifId) {
        }

        @Override
        public void localLeave(SourceGroup key, InterfaceId ifId) {
        }
    }

    final ManualScheduler scheduler = new ManualScheduler();
    final MulticastGroupManager mgm;
    final List<ProtocolRegistration> protocols = new ArrayList<>();

    Routers(ForwardingPlane plane, MulticastRouteLookup routes, int protocolCount) {
        this(plane, routes, protocolCount, MgmSettings.DEFAULTS);
    }

    Routers(ForwardingPlane plane, MulticastRouteLookup routes, int protocolCount, MgmSettings settings) {
        RouteLookups lookups = new RouteLookups();
        if (routes != null) {
            lookups.add(routes, 0);
        }
        mgm = new MulticastGroupManager(settings, plane, lookups, scheduler, scheduler.clock());
        mgm.start();
        for (int p = 0; p < protocolCount; p++) {
            protocols.add(mgm.register(ProtocolId.of(100 + p, 0), "p" + p, "bench", new Quiet()));
        }
    }

    /** Protocol {@code p % count} takes interface {@code i}. */
    void spreadInterfaces(int first, int count) {
        for (int i = 0; i < count; i++) {
            protocols.get(i % protocols.size()).takeInterface(InterfaceId.of(first + i));
        }
    }

    ProtocolRegistration ownerOf(int ifIndex, int first) {
        return protocols.get((ifIndex - first) % protocols.size());
    }

    static InetAddress address(int v) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
