package org.openmgm.igmp.impl.fsm;

import java.time.Duration;

import org.openmgm.api.Prefix;

/** A test-side builder of {@link IgmpConfig}, starting from the RFC 3376 §8 defaults. */
final class Cfg {
    int version = 3;
    int robustness = 2;
    Duration queryInterval = Duration.ofSeconds(125);
    Duration queryResponseInterval = Duration.ofSeconds(10);
    Duration lastMemberQueryInterval = Duration.ofSeconds(1);
    int lastMemberQueryCount = 2;
    Duration startupQueryInterval = Duration.ofMillis(31_250);
    int startupQueryCount = 2;
    boolean fastLeave;
    Prefix ssmRange = Prefix.parse("232.0.0.0/8");
    int maxGroups = 8192;
    int maxSources = 1024;

    static Cfg cfg() {
        return new Cfg();
    }

    Cfg version(int v) {
        version = v;
        return this;
    }

    Cfg robustness(int r) {
        robustness = r;
        return this;
    }

    Cfg queryInterval(Duration d) {
        queryInterval = d;
        return this;
    }

    Cfg lmqi(Duration d) {
        lastMemberQueryInterval = d;
        return this;
    }

    Cfg lmqc(int c) {
        lastMemberQueryCount = c;
        return this;
    }

    Cfg startup(int count, Duration interval) {
        startupQueryCount = count;
        startupQueryInterval = interval;
        return this;
    }

    Cfg fastLeave() {
        fastLeave = true;
        return this;
    }

    Cfg ssm(String prefix) {
        ssmRange = Prefix.parse(prefix);
        return this;
    }

    Cfg maxGroups(int n) {
        maxGroups = n;
        return this;
    }

    Cfg maxSources(int n) {
        maxSources = n;
        return this;
    }

    IgmpConfig build() {
        return new IgmpConfig(version, robustness, queryInterval, queryResponseInterval, lastMemberQueryInterval,
                lastMemberQueryCount, startupQueryInterval, startupQueryCount, fastLeave, ssmRange, maxGroups,
                maxSources);
    }
}
