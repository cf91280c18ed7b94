/**
 * The OpenMGM service API: what clients of the Multicast Group Manager call.
 *
 * <p>The MGM is the arbiter between IGMP, the multicast routing protocols and the forwarding
 * plane (see {@code spec/MGM.md}). This package holds the read-only {@link
 * org.openmgm.api.MulticastGroupService} that administrative tools use, the {@link
 * org.openmgm.api.ProtocolRegistration} handle through which a registered routing protocol acts,
 * the immutable value types both use, and the error type {@link org.openmgm.api.MgmException}
 * with the specification's status codes.
 *
 * <p>Routing protocols do not look up a registration service: they publish a {@link
 * org.openmgm.spi.MulticastRoutingProtocol} service (whiteboard) and receive their handle in
 * {@link org.openmgm.spi.MulticastRoutingProtocol#attached(ProtocolRegistration)}.
 *
 * <p>Package version 0.x: the API is young and may still change in minor versions.
 */
@Export
@Version("0.1.0")
package org.openmgm.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
