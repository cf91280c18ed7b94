package org.openmgm.core.impl.igmp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.openmgm.api.IgmpService;
import org.openmgm.api.ProtocolId;
import org.openmgm.spi.IgmpMembershipListener;
import org.openmgm.spi.MgmProtocol;
import org.openmgm.spi.MulticastRoutingProtocol;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@link IgmpClient} as a DS component: registered as the MGM's IGMP protocol (protocol
 * number {@value ProtocolId#IGMP_PROTOCOL}) and as a listener of the IGMP router. It exists only
 * while an {@link IgmpService} does — while the IGMP bundle runs — so that without it the IGMP
 * seat of the MGM stays free for another IGMP implementation. Its work runs on one thread, {@code
 * mgm-igmp-client}.
 */
@Component(service = {IgmpMembershipListener.class, MulticastRoutingProtocol.class})
@MgmProtocol(id = ProtocolId.IGMP_PROTOCOL, name = "igmp")
public final class IgmpClientComponent extends IgmpClient {

    private final ExecutorService worker;

    /**
     * Activates the client once the IGMP router runs.
     *
     * @param igmp the IGMP router's service, whose presence this component follows (a reference
     *     only: getting the service would make a cycle, since the router calls this listener)
     */
    @Activate
    public IgmpClientComponent(@Reference(name = "igmp", service = IgmpService.class) ServiceReference<IgmpService> igmp) {
        this(new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "mgm-igmp-client");
            t.setDaemon(true);
            return t;
        }));
    }

    private IgmpClientComponent(ExecutorService worker) {
        super(worker);
        this.worker = worker;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        // The services are gone already: the MGM released IGMP's interfaces and memberships.
        worker.shutdown();
        if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
            worker.shutdownNow();
        }
    }
}
