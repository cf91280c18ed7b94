package org.openmgm.api;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One group learnt by IGMP on one interface (RFC 3376 §6.2.1 router state; RFC 5519
 * mgmdRouterCacheTable and mgmdRouterSrcListTable).
 *
 * @param ifId the interface
 * @param group the group
 * @param mode its filter mode
 * @param groupTimer time left on the group timer (EXCLUDE mode), zero in INCLUDE mode
 * @param compatibilityVersion the version the group operates in (RFC 3376 §7.3.2)
 * @param v1HostTimer time left on the IGMPv1 host present timer, zero if none
 * @param v2HostTimer time left on the IGMPv2 host present timer, zero if none
 * @param sources its source records
 * @param lastReporter the sender of the last report for the group, 0.0.0.0 if none
 *     (mgmdRouterCacheLastReporter)
 * @param upTime how long the group has been joined (mgmdRouterCacheUpTime)
 */
public record IgmpGroupStatus(InterfaceId ifId, InetAddress group, FilterMode mode, Duration groupTimer,
                              int compatibilityVersion, Duration v1HostTimer, Duration v2HostTimer,
                              List<Source> sources, InetAddress lastReporter, Duration upTime) {

    /**
     * One source record.
     *
     * @param address the source
     * @param timer time left on its source timer (zero: in EXCLUDE mode, an excluded source)
     * @param forwarded whether data from it is forwarded (RFC 3376 §6.3)
     */
    public record Source(InetAddress address, Duration timer, boolean forwarded) {

        /**
         * Validates.
         *
         * @throws NullPointerException if an argument is null
         */
        public Source {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(timer, "timer");
        }
    }

    /**
     * Validates and copies.
     *
     * @throws NullPointerException if an argument is null
     */
    public IgmpGroupStatus {
        Objects.requireNonNull(ifId, "ifId");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(groupTimer, "groupTimer");
        Objects.requireNonNull(v1HostTimer, "v1HostTimer");
        Objects.requireNonNull(v2HostTimer, "v2HostTimer");
        Objects.requireNonNull(lastReporter, "lastReporter");
        Objects.requireNonNull(upTime, "upTime");
        sources = List.copyOf(sources);
    }
}
