package org.openmgm.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when an {@link InterfaceDirectory} sees an interface appear, change (state, addresses) or
 * vanish (whiteboard: register it as a service). Calls may come from any thread; return quickly.
 */
@ConsumerType
public interface InterfaceListener {

    /**
     * An interface appeared or changed.
     *
     * @param current its state now
     */
    void interfaceChanged(NetworkInterfaceInfo current);

    /**
     * An interface vanished.
     *
     * @param last its last known state
     */
    void interfaceRemoved(NetworkInterfaceInfo last);
}
