package org.openmgm.core.impl;

/** The callbacks the MGM delivers, for counting and logging. */
enum CallbackKind {
    ATTACHED,
    DETACHED,
    DISABLE_IGMP,
    ENABLE_IGMP;

    /** The lower-case name used in logs and counters, e.g. {@code disable-igmp}. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
