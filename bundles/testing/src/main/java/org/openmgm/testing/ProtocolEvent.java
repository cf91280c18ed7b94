package org.openmgm.testing;

import java.net.InetAddress;
import java.util.List;

import org.openmgm.api.InterfaceId;
import org.openmgm.api.ProtocolId;
import org.openmgm.api.SourceGroup;
import org.openmgm.spi.CandidateInterface;
import org.openmgm.spi.MfeDeletionReason;

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

    /**
     * {@code rpf} was called.
     *
     * @param key the (S,G)
     * @param proposed the incoming interface the multicast view proposed
     */
    record Rpf(SourceGroup key, InterfaceId proposed) implements ProtocolEvent {
    }

    /**
     * {@code creationAlert} was called.
     *
     * @param key the (S,G)
     * @param incoming the new entry's incoming interface
     * @param candidates this protocol's candidate interfaces
     */
    record CreationAlert(SourceGroup key, InterfaceId incoming, List<CandidateInterface> candidates)
            implements ProtocolEvent {
    }

    /**
     * {@code deletionAlert} was called.
     *
     * @param key the (S,G)
     * @param incoming the deleted entry's incoming interface
     * @param reason why
     */
    record DeletionAlert(SourceGroup key, InterfaceId incoming, MfeDeletionReason reason) implements ProtocolEvent {
    }

    /**
     * {@code joinAlert} was called.
     *
     * @param key the key
     * @param memberUpdate membership change ({@code true}) or MFE change ({@code false})
     */
    record JoinAlert(SourceGroup key, boolean memberUpdate) implements ProtocolEvent {
    }

    /**
     * {@code pruneAlert} was called.
     *
     * @param key the key
     * @param ifId the interface argument
     * @param memberDelete membership change ({@code true}) or MFE change ({@code false})
     */
    record PruneAlert(SourceGroup key, InterfaceId ifId, boolean memberDelete) implements ProtocolEvent {
    }

    /**
     * {@code wrongInterface} was called.
     *
     * @param source the data's source
     * @param group its group
     * @param arrival the interface it arrived on
     */
    record WrongInterface(InetAddress source, InetAddress group, InterfaceId arrival) implements ProtocolEvent {
    }

    /**
     * {@code localJoin} was called.
     *
     * @param key the key
     * @param ifId the interface
     */
    record LocalJoin(SourceGroup key, InterfaceId ifId) implements ProtocolEvent {
    }

    /**
     * {@code localLeave} was called.
     *
     * @param key the key
     * @param ifId the interface
     */
    record LocalLeave(SourceGroup key, InterfaceId ifId) implements ProtocolEvent {
    }
}
