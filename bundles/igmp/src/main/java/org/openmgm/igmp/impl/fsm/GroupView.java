package org.openmgm.igmp.impl.fsm;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.openmgm.api.FilterMode;

/**
 * The router state of one group on one interface, for operators (RFC 3376 §6.2.1, §7.3.2): an
 * immutable snapshot, timers given as the time left when it was taken.
 *
 * @param group the multicast group
 * @param mode the router filter mode
 * @param groupTimerLeft time left on the group timer; zero in INCLUDE mode, where it does not run
 * @param compatibilityVersion the Group Compatibility Mode (1, 2 or 3), capped by the router's version
 * @param v1HostPresentLeft time left on the IGMPv1 Host Present timer; zero when not running
 * @param v2HostPresentLeft time left on the IGMPv2 Host Present timer; zero when not running
 * @param sources the source records in address order; in EXCLUDE mode those at zero are the
 *     Exclude List (blocked), the others the Requested List
 * @param lastReporter the sender of the last report that expressed interest in the group, or
 *     {@code null} if none did
 * @param since when the group record was created
 */
public record GroupView(InetAddress group, FilterMode mode, Duration groupTimerLeft, int compatibilityVersion,
                        Duration v1HostPresentLeft, Duration v2HostPresentLeft, List<SourceView> sources,
                        InetAddress lastReporter, Instant since) {

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if an argument other than {@code lastReporter} is null
     */
    public GroupView {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(groupTimerLeft, "groupTimerLeft");
        Objects.requireNonNull(v1HostPresentLeft, "v1HostPresentLeft");
        Objects.requireNonNull(v2HostPresentLeft, "v2HostPresentLeft");
        Objects.requireNonNull(since, "since");
        sources = List.copyOf(sources);
    }

    /**
     * Finds a source record.
     *
     * @param source the source address
     * @return its record, if the group has one
     */
    public Optional<SourceView> source(InetAddress source) {
        return sources.stream().filter(s -> s.source().equals(source)).findFirst();
    }

    /**
     * One source record (RFC 3376 §6.2.1).
     *
     * @param source the source address
     * @param timerLeft time left on its source timer; zero means blocked (EXCLUDE mode's Exclude List)
     */
    public record SourceView(InetAddress source, Duration timerLeft) {

        /**
         * Validates.
         *
         * @throws NullPointerException if an argument is null
         */
        public SourceView {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(timerLeft, "timerLeft");
        }

        /**
         * Tells whether traffic from the source is forwarded (§6.3): its timer runs.
         *
         * @return {@code true} when the timer is above zero
         */
        public boolean forwarded() {
            return !timerLeft.isZero();
        }
    }
}
