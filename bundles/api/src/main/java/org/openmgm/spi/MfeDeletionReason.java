package org.openmgm.spi;

/** Why an MFE was deleted (the OpenMGM deletion alert, {@link MulticastRoutingProtocol#deletionAlert}). */
public enum MfeDeletionReason {
    /** Its lifetime ran out (spec §2.7.6, §5.10). */
    EXPIRED,
    /** The ownership of an interface it mentions changed (spec [RES Q12]). */
    OWNERSHIP_CHANGED,
    /** The route toward its source changed (spec [RES Q6]). */
    ROUTE_CHANGED
}
