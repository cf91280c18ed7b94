package org.openmgm.igmp.impl.fsm;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one IGMP interface, for the operator surface and the MGMD-STD-MIB (RFC 5519).
 * Thread-safe to read while the interface's thread writes.
 */
public final class IgmpCounters {

    /** Why a received message was dropped or refused. */
    public enum Drop {
        /** Shorter than its type requires, or a length that fits no version (RFC 3376 §7.1). */
        BAD_LENGTH,
        /** Checksum mismatch. */
        BAD_CHECKSUM,
        /** A type a router does not process. */
        UNKNOWN_TYPE,
        /** IP TTL other than 1 (RFC 3376 §4.2.14 / §9). */
        BAD_TTL,
        /** No Router Alert option where RFC 3376 §9.1/§9.2 requires one (IGMPv3 messages). */
        NO_ROUTER_ALERT,
        /** A report from a source that is not on the interface's subnets (RFC 3376 §9.2). */
        NOT_ON_LINK,
        /** A query sent by this router itself (looped back). */
        OWN_QUERY,
        /** A malformed field: a group that is not multicast, a source that is not unicast, etc. */
        BAD_FIELD,
        /** Sent to a destination the message type must not be sent to (RFC 3376 §4.2.14). */
        BAD_DESTINATION,
        /** An ASM request (v1/v2 report, EXCLUDE) for a group in the SSM range (RFC 4604 §2.2.1). */
        SSM_ASM_REQUEST,
        /** The interface's group limit was reached. */
        GROUP_LIMIT,
        /** A group's source limit was reached. */
        SOURCE_LIMIT,
        /** A link-local group 224.0.0.x, which is never routed (RFC 4541, RFC 2236 §6). */
        LINK_LOCAL_GROUP,
        /** More arrived than the IGMP thread could take (a flood): dropped before decoding. */
        OVERLOAD
    }

    /** What was received or sent. */
    public enum Message {
        QUERY_V1_RECEIVED, QUERY_V2_RECEIVED, QUERY_V3_RECEIVED,
        REPORT_V1_RECEIVED, REPORT_V2_RECEIVED, REPORT_V3_RECEIVED, LEAVE_RECEIVED,
        GENERAL_QUERY_SENT, GROUP_QUERY_SENT, GROUP_SOURCE_QUERY_SENT
    }

    private final Map<Drop, LongAdder> drops = new EnumMap<>(Drop.class);
    private final Map<Message, LongAdder> messages = new EnumMap<>(Message.class);

    /** Creates zeroed counters. */
    public IgmpCounters() {
        for (Drop d : Drop.values()) {
            drops.put(d, new LongAdder());
        }
        for (Message m : Message.values()) {
            messages.put(m, new LongAdder());
        }
    }

    public void drop(Drop reason) {
        drops.get(reason).increment();
    }

    public void count(Message m) {
        messages.get(m).increment();
    }

    public long drops(Drop reason) {
        return drops.get(reason).sum();
    }

    public long messages(Message m) {
        return messages.get(m).sum();
    }

    /** Every drop counter, for views. */
    public Map<Drop, Long> dropCounts() {
        Map<Drop, Long> m = new EnumMap<>(Drop.class);
        drops.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Every message counter, for views. */
    public Map<Message, Long> messageCounts() {
        Map<Message, Long> m = new EnumMap<>(Message.class);
        messages.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
