package org.openmgm.core.impl;

import java.util.Locale;

/** The callbacks the MGM delivers, for counting and logging. */
enum CallbackKind {
    ATTACHED,
    DETACHED,
    RPF,
    CREATION_ALERT,
    DELETION_ALERT,
    JOIN_ALERT,
    PRUNE_ALERT,
    WRONG_INTERFACE,
    LOCAL_JOIN,
    LOCAL_LEAVE,
    DISABLE_IGMP,
    ENABLE_IGMP;

    private final String label = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The lower-case name used in logs and counters, e.g. {@code disable-igmp}. */
    String label() {
        return label;
    }
}
