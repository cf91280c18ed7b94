package org.openmgm.api;

/** The filter mode of a group on an interface (RFC 3376 §6.2.1). */
public enum FilterMode {
    /** Forward only the listed sources. */
    INCLUDE,
    /** Forward every source except the listed ones. */
    EXCLUDE
}
