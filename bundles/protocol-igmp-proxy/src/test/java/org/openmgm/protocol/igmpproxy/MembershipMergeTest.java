package org.openmgm.protocol.igmpproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openmgm.api.FilterMode;
import org.openmgm.spi.IgmpGroup;

/** RFC 4605 §4.1 with the merging rules of RFC 3376 §3.2. */
class MembershipMergeTest {

    static final InetAddress G = ip("239.1.1.1");
    static final InetAddress S1 = ip("10.1.1.1");
    static final InetAddress S2 = ip("10.2.2.2");
    static final InetAddress S3 = ip("10.3.3.3");

    static IgmpGroup in(InetAddress... s) {
        return new IgmpGroup(G, FilterMode.INCLUDE, Set.of(s), 3);
    }

    static IgmpGroup ex(InetAddress... s) {
        return new IgmpGroup(G, FilterMode.EXCLUDE, Set.of(s), 3);
    }

    @Test
    void includesAreUnited() {
        assertEquals(in(S1, S2), MembershipMerge.merge(G, List.of(in(S1), in(S2), in(S1))));
    }

    @Test
    void excludesKeepOnlyWhatAllExclude() {
        assertEquals(ex(S1), MembershipMerge.merge(G, List.of(ex(S1, S3), ex(S1, S2))));
    }

    @Test
    void anIncludeTakesItsSourcesOutOfTheExcludedOnes() {
        assertEquals(ex(S3), MembershipMerge.merge(G, List.of(ex(S1, S3), in(S1, S2))));
        assertEquals(ex(), MembershipMerge.merge(G, List.of(ex(), in(S1))));
    }

    @Test
    void nobodyIsAnEmptyInclude() {
        assertEquals(in(), MembershipMerge.merge(G, List.of()));
        assertEquals(in(), MembershipMerge.merge(G, List.of(in())));
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
