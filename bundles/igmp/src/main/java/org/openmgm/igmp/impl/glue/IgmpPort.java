package org.openmgm.igmp.impl.glue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;

import org.openmgm.api.IgmpGroupStatus;
import org.openmgm.api.IgmpInterfaceStatus;
import org.openmgm.api.InterfaceId;
import org.openmgm.igmp.impl.codec.IgmpCodec;
import org.openmgm.igmp.impl.codec.MembershipQuery;
import org.openmgm.igmp.impl.fsm.GroupView;
import org.openmgm.igmp.impl.fsm.IgmpCounters;
import org.openmgm.igmp.impl.fsm.IgmpInterfaceRouter;
import org.openmgm.igmp.impl.fsm.IgmpRouterPort;
import org.openmgm.igmp.impl.fsm.QuerierView;
import org.openmgm.spi.IgmpGroup;
import org.openmgm.spi.IgmpPacketIo;
import org.openmgm.spi.NetworkInterfaceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IGMP running on one interface: the sans-I/O router, its counters, and the port through which
 * it sends queries (encoded, through the packet I/O) and announces groups (to the listeners).
 * Used on the IGMP thread only, except the counters, which are thread-safe.
 */
final class IgmpPort implements IgmpRouterPort {

    private static final Logger log = LoggerFactory.getLogger(IgmpPort.class);
    private static final long WARN_EVERY_NANOS = 60_000_000_000L;

    /** The interface as last seen (its addresses may change without a restart). */
    volatile NetworkInterfaceInfo link;
    final IgmpCounters counters = new IgmpCounters();
    final LongAdder sendErrors = new LongAdder();
    private final IgmpPacketIo io;
    private final Listeners listeners;
    private final Clock clock;
    private final IgmpInterfaceRouter router;
    private IgmpInterfaceSettings settings;
    private long lastOlderQuerierWarning = System.nanoTime() - WARN_EVERY_NANOS;
    private long lastSendWarning = System.nanoTime() - WARN_EVERY_NANOS;

    IgmpPort(NetworkInterfaceInfo link, IgmpInterfaceSettings settings, IgmpPacketIo io, Listeners listeners,
             ScheduledExecutorService thread, Clock clock) {
        this.link = link;
        this.settings = settings;
        this.io = io;
        this.listeners = listeners;
        this.clock = clock;
        InetAddress local = link.primaryAddress().orElseThrow().address();
        this.router = new IgmpInterfaceRouter(local, settings.config(), thread, clock, this, counters);
    }

    void link(NetworkInterfaceInfo current) {
        link = current;
    }

    InterfaceId id() {
        return link.id();
    }

    IgmpInterfaceSettings settings() {
        return settings;
    }

    void start() {
        router.start();
    }

    /** Stops the router, which announces every group as gone. */
    void stop() {
        router.stop();
    }

    void reconfigure(IgmpInterfaceSettings newSettings) {
        settings = newSettings;
        router.reconfigure(newSettings.config());
    }

    /** Validates and processes one received message (RFC 3376 §4.2.14, §9). */
    void receive(byte[] payload, InetAddress source, InetAddress destination, int ttl, boolean routerAlert) {
        PacketValidator.Verdict v = PacketValidator.check(payload, source, destination, ttl, routerAlert, link,
                settings.requireRouterAlert());
        if (v.message() == null) {
            counters.drop(v.drop());
            if (log.isDebugEnabled()) {
                log.debug("IGMP on {}: dropped {} from {}: {}", link.name(), v.drop(), source.getHostAddress(),
                        v.detail());
            }
            return;
        }
        if (v.message() instanceof MembershipQuery q && q.version() < settings.config().version()) {
            warnOlderQuerier(q, source);
        }
        router.receive(v.message(), source);
    }

    /** RFC 3376 §7.3.1: an older querier means the operator must lower this interface's version. */
    private void warnOlderQuerier(MembershipQuery q, InetAddress source) {
        long now = System.nanoTime();
        if (now - lastOlderQuerierWarning >= WARN_EVERY_NANOS) {
            lastOlderQuerierWarning = now;
            log.warn("IGMPv{} querier {} on {} while this router runs IGMPv{}: configure version = {} on {} "
                    + "(RFC 3376 §7.3.1)", q.version(), source.getHostAddress(), link.name(),
                    settings.config().version(), q.version(), link.name());
        }
    }

    @Override
    public void sendQuery(MembershipQuery query, InetAddress destination) {
        try {
            io.send(link.id(), destination, IgmpCodec.encode(query));
        } catch (RuntimeException e) {
            sendErrors.increment();
            long now = System.nanoTime();
            if (now - lastSendWarning >= WARN_EVERY_NANOS) {
                lastSendWarning = now;
                log.warn("IGMP on {}: sending a query to {} failed: {}", link.name(), destination.getHostAddress(),
                        e.toString());
            }
        }
    }

    @Override
    public void groupChanged(IgmpGroup group) {
        listeners.groupChanged(link.id(), group);
    }

    /** The joined groups as listeners saw them announced, for feeding a newcomer. */
    List<IgmpGroup> joinedGroups() {
        return router.announcedGroups();
    }

    IgmpInterfaceStatus status() {
        QuerierView q = router.querier();
        List<GroupView> groups = router.groups();
        Map<String, Long> c = new TreeMap<>();
        counters.messageCounts().forEach((k, v) -> c.put(k.name(), v));
        counters.dropCounts().forEach((k, v) -> c.put("drop." + k.name(), v));
        c.put("sendErrors", sendErrors.sum());
        InetAddress querier = q.querierAddress() != null ? q.querierAddress()
                : link.primaryAddress().orElseThrow().address();
        return new IgmpInterfaceStatus(link.id(), link.name(), q.version(), q.querier(), querier,
                q.otherQuerierPresentLeft(), q.robustness(), q.queryInterval(), groups.size(),
                groups.stream().mapToInt(g -> g.sources().size()).sum(), c);
    }

    List<IgmpGroupStatus> groupStatus() {
        Instant now = clock.instant();
        return router.groups().stream().map(g -> new IgmpGroupStatus(link.id(), g.group(), g.mode(),
                g.groupTimerLeft(), g.compatibilityVersion(), g.v1HostPresentLeft(), g.v2HostPresentLeft(),
                g.sources().stream().map(s -> new IgmpGroupStatus.Source(s.source(), s.timerLeft(), s.forwarded()))
                        .toList(),
                g.lastReporter() != null ? g.lastReporter() : PacketValidator.UNSPECIFIED,
                Duration.between(g.since(), now).isNegative() ? Duration.ZERO : Duration.between(g.since(), now)))
                .toList();
    }
}
