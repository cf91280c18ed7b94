package org.openmgm.igmp.impl.glue;

import java.time.Clock;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.openmgm.api.IgmpService;
import org.openmgm.spi.IgmpMembershipListener;
import org.openmgm.spi.IgmpPacketIo;
import org.openmgm.spi.InterfaceDirectory;
import org.openmgm.spi.InterfaceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@link IgmpRouter} as a DS component: publishes {@link IgmpService}, listens to the plane's
 * interfaces and calls every {@link IgmpMembershipListener} service (whiteboard). It uses one
 * {@link IgmpPacketIo} and one {@link InterfaceDirectory}; with several planes installed choose
 * with the configuration PID {@value #PID}, keys {@code packetIo.target} and {@code
 * interfaces.target}, e.g. {@code (mgm.plane=sim)}. IGMP runs on the interfaces named by the
 * factory configurations of {@value IgmpInterfaceSettings#PID} (none by default: safe, DESIGN.md
 * rule 9).
 */
@Component(service = {IgmpService.class, InterfaceListener.class, IgmpRouterComponent.class},
        configurationPid = IgmpRouterComponent.PID, immediate = true)
public final class IgmpRouterComponent extends IgmpRouter {

    /** The PID that chooses the plane's services. */
    public static final String PID = "org.openmgm.igmp.router";

    private final ComponentContext context;
    private final ScheduledThreadPoolExecutor thread;

    /**
     * Starts the router.
     *
     * @param context the component context, to look the listeners up
     * @param io the packet I/O (target {@code packetIo.target})
     * @param directory the interfaces (target {@code interfaces.target})
     */
    @Activate
    public IgmpRouterComponent(ComponentContext context, @Reference(name = "packetIo") IgmpPacketIo io,
                               @Reference(name = "interfaces") InterfaceDirectory directory) {
        this(context, io, directory, newThread());
    }

    private IgmpRouterComponent(ComponentContext context, IgmpPacketIo io, InterfaceDirectory directory,
                                ScheduledThreadPoolExecutor thread) {
        super(io, directory, thread, Clock.systemUTC());
        this.context = context;
        this.thread = thread;
        start();
    }

    private static ScheduledThreadPoolExecutor newThread() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "mgm-igmp-0");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);           // timers are re-armed all the time
        return t;
    }

    /*
     * The listener whiteboard binds references, not services: the MGM's IGMP client follows this
     * router's service, so getting it while this router activates would be a cycle. It is looked
     * up when the IGMP thread feeds it, by which time this router is active.
     */
    @Reference(name = "listener", service = IgmpMembershipListener.class,
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(ServiceReference<IgmpMembershipListener> ref) {
        addListener(ref, () -> context.locateService("listener", ref));
    }

    void unbindListener(ServiceReference<IgmpMembershipListener> ref) {
        removeListener(ref);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stop();
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
