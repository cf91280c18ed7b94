/**
 * The OpenMGM plug-in SPI: what bundles implement for the MGM to call.
 *
 * <p>A multicast routing protocol is a bundle that registers a {@link
 * org.openmgm.spi.MulticastRoutingProtocol} service (the whiteboard pattern). Registering the
 * service is the registration of spec §3.1; unregistering it (stopping, updating or uninstalling
 * the bundle) is the deregistration of §3.2, after the MGM has released everything the protocol
 * held exactly as an orderly shutdown would (spec §5.13).
 *
 * <p>Package version 0.x: the SPI is young and may still change in minor versions.
 */
@Export
@Version("0.1.0")
package org.openmgm.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
