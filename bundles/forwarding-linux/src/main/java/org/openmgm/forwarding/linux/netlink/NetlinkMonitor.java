package org.openmgm.forwarding.linux.netlink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.openmgm.api.Prefix;
import org.openmgm.forwarding.linux.sys.Errno;
import org.openmgm.forwarding.linux.sys.Libc;
import org.openmgm.forwarding.linux.sys.SysException;
import org.openmgm.forwarding.linux.sys.Waiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link LinkTable} and a {@link RouteTable} current: one rtnetlink socket subscribed to
 * RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR and RTNLGRP_IPV4_ROUTE, read by a thread, and one for dumps.
 *
 * <p>The subscription is made before the first dumps, so that no event between dump and
 * subscription is missed; events are then applied in the order the kernel queued them, which
 * converges to the kernel's state. Two cases need a new dump: events were lost (the socket
 * overran: ENOBUFS), and IPv4 routes the kernel removed without telling anyone, which it does
 * when a link goes down or an address goes away. So after link or address events, once things
 * have been quiet for {@value #ROUTE_RESYNC_MILLIS} ms, the route table is dumped again and
 * compared.
 */
public final class NetlinkMonitor implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(NetlinkMonitor.class);
    static final int ROUTE_RESYNC_MILLIS = 200;
    private static final int DUMP_ATTEMPTS = 5;

    private final LinkTable links;
    private final RouteTable routes;
    private final NetlinkSocket events;
    private final NetlinkSocket requests;
    private final Waiter waiter;
    private final Thread thread;
    private long routeResyncDue;                              // nanoTime, 0 = none; reader thread only

    private NetlinkMonitor(LinkTable links, RouteTable routes, NetlinkSocket events, NetlinkSocket requests,
                           String threadName) {
        this.links = links;
        this.routes = routes;
        this.events = events;
        this.requests = requests;
        this.waiter = new Waiter(events.fd());
        this.thread = new Thread(this, threadName);
        thread.setDaemon(true);
    }

    /**
     * Subscribes, loads both tables by dumps, and makes (but does not start) the thread.
     *
     * @param links the interface table to fill
     * @param routes the route table to fill
     * @param threadName the monitor thread's name
     * @return the monitor
     * @throws SysException if a socket or a dump fails; nothing stays open
     */
    public static NetlinkMonitor open(LinkTable links, RouteTable routes, String threadName) {
        NetlinkSocket events = NetlinkSocket.open(RtnlCodec.RTNLGRP_LINK, RtnlCodec.RTNLGRP_IPV4_IFADDR,
                RtnlCodec.RTNLGRP_IPV4_ROUTE);
        NetlinkSocket requests = null;
        try {
            requests = NetlinkSocket.open();
            NetlinkMonitor m = new NetlinkMonitor(links, routes, events, requests, threadName);
            m.resyncInterfaces();
            m.resyncRoutes();
            return m;
        } catch (RuntimeException e) {
            events.close();
            if (requests != null) {
                requests.close();
            }
            throw e;
        }
    }

    /** Starts the monitor thread. */
    public void start() {
        thread.start();
    }

    /** Stops the thread, waits for it (at most two seconds), and closes the sockets. */
    public void stop() {
        waiter.wake();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            waiter.close();
            events.close();
            requests.close();
        }
    }

    @Override
    public void run() {
        try {
            while (!waiter.woken()) {
                int timeout = routeResyncDue == 0 ? -1
                        : (int) Math.max(0, (routeResyncDue - System.nanoTime()) / 1_000_000);
                if (waiter.await(timeout)) {
                    drain();
                }
                if (routeResyncDue != 0 && System.nanoTime() - routeResyncDue >= 0 && !waiter.woken()) {
                    routeResyncDue = 0;
                    resyncRoutes();
                }
            }
        } catch (RuntimeException | Error e) {
            log.error("The rtnetlink monitor stopped: interface and route changes are no longer followed", e);
        }
    }

    private void drain() {
        while (!waiter.woken()) {
            ByteBuffer datagram;
            try {
                datagram = events.receive(Libc.MSG_DONTWAIT);
            } catch (SysException e) {
                if (e.errno() != Errno.ENOBUFS) {
                    throw e;
                }
                log.info("rtnetlink events were lost (the socket overran); reloading interfaces and routes");
                resyncInterfaces();
                resyncRoutes();
                continue;
            }
            if (datagram == null) {
                return;
            }
            List<RtnlMessage> batch = new ArrayList<>();
            RtnlCodec.parse(datagram, batch::add);
            for (RtnlMessage m : batch) {
                if (m instanceof RtnlMessage.Route r) {
                    Prefix changed = routes.apply(r);
                    if (changed != null) {
                        routes.announce(Set.of(changed));
                    }
                } else if (m instanceof RtnlMessage.Link || m instanceof RtnlMessage.Address) {
                    links.announce(links.apply(m));
                    routeResyncDue = System.nanoTime() + ROUTE_RESYNC_MILLIS * 1_000_000L;
                }
            }
        }
    }

    private void resyncInterfaces() {
        List<RtnlMessage> dump = dump(RtnlCodec.RTM_GETLINK);
        dump.addAll(dump(RtnlCodec.RTM_GETADDR));
        links.announce(links.replace(dump));
    }

    private void resyncRoutes() {
        routes.announce(routes.replace(dump(RtnlCodec.RTM_GETROUTE)));
    }

    /** Dumps one table, again if the kernel says the dump was interrupted by a change. */
    private List<RtnlMessage> dump(int type) {
        for (int attempt = 1; ; attempt++) {
            List<RtnlMessage> out = new ArrayList<>();
            synchronized (requests) {
                if (requests.dump(type, out::add) || attempt == DUMP_ATTEMPTS) {
                    return out;
                }
            }
        }
    }
}
