package org.openmgm.igmp.impl.codec;

import java.util.Objects;
import org.openmgm.igmp.impl.fsm.IgmpCounters;

/**
 * A received IGMP message that must be dropped: too short, a bad checksum, a type a router does
 * not process, or a field no valid message carries. {@link IgmpCodec#decode} throws nothing else,
 * whatever the bytes; the receiver counts {@link #reason()} and logs the message at debug
 * (DESIGN.md rule 7).
 */
public final class MalformedIgmpException extends Exception {

    private static final long serialVersionUID = 1L;

    private final IgmpCounters.Drop reason;

    /**
     * Creates the exception.
     *
     * @param reason the drop reason to count
     * @param message what was wrong: the offset, field and value
     */
    public MalformedIgmpException(IgmpCounters.Drop reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * The drop reason.
     *
     * @return one of {@link IgmpCounters.Drop#BAD_LENGTH}, {@link IgmpCounters.Drop#BAD_CHECKSUM},
     *     {@link IgmpCounters.Drop#UNKNOWN_TYPE} or {@link IgmpCounters.Drop#BAD_FIELD}
     */
    public IgmpCounters.Drop reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "MalformedIgmpException[" + reason + "]: " + getMessage();
    }
}
