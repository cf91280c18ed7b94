package org.openmgm.core.impl;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the MGM's own work, for operators. Thread-safe. */
final class MgmCounters {
    final LongAdder mfesCreated = new LongAdder();
    final LongAdder mfesExpired = new LongAdder();
    final LongAdder mfesPurged = new LongAdder();
    final LongAdder mfesRouteChanged = new LongAdder();
    final LongAdder upcallsNoCache = new LongAdder();
    final LongAdder upcallsWrongInterface = new LongAdder();
    final LongAdder upcallsIgnored = new LongAdder();
    final LongAdder wrongInterfaceAlertsLimited = new LongAdder();
    final LongAdder creationRetries = new LongAdder();
    final LongAdder mfeLimitDrops = new LongAdder();
    final LongAdder planeErrors = new LongAdder();
}
