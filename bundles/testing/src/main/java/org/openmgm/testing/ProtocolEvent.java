package org.openmgm.testing;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolId;

/**
 * One callback received by a {@link RecordingProtocol}, with its arguments. Tests compare
 * sequences of these with {@code equals}.
 */
public sealed interface ProtocolEvent {

    /**
     * {@code attached} was called.
     *
     * @param id the id of the registration handed over
     */
    record Attached(ProtocolId id) implements ProtocolEvent {
    }

    /**
     * {@code detached} was called.
     *
     * @param id the id of the registration that ended
     */
    record Detached(ProtocolId id) implements ProtocolEvent {
    }

    /**
     * {@code disableIgmp} was called.
     *
     * @param ifId the interface
     */
    record DisableIgmp(InterfaceId ifId) implements ProtocolEvent {
    }

    /**
     * {@code enableIgmp} was called.
     *
     * @param ifId the interface
     */
    record EnableIgmp(InterfaceId ifId) implements ProtocolEvent {
    }
}
