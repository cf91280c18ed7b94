package org.openmgm.api;

/** What a group enumeration lists (spec §2.10, [RES Q26]); both are de-duplicated across clients and interfaces. */
public enum EnumerationType {
    /**
     * One entry per distinct group pattern with at least one JOIN membership of any kind: (*,G)
     * for every joined G (also when only (S,G) joins exist), (*,*) if someone joined all groups.
     */
    ANY_SOURCE,
    /** One entry per distinct membership key: every (S,G), (*,G) and (*,*) that is joined. */
    ALL_SOURCES
}
