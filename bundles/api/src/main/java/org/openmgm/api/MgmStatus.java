package org.openmgm.api;

/**
 * The error statuses of the Multicast Group Manager (spec §2.1), with the numeric Win32 codes
 * that the original RRAS MGM returned, so that logs and tools can correlate both.
 *
 * <p>Success is not a status here: an operation that returns normally succeeded. Walks and
 * enumerations end naturally (Java iterators and pages), so the original "more data" and "no
 * more items" codes have no counterpart.
 */
public enum MgmStatus {
    /** Resources are exhausted (a configured table limit was reached). Win32 code 8. */
    NOT_ENOUGH_MEMORY(8),
    /**
     * A bad or stale handle, an interface held by someone else, or a malformed argument.
     * Win32 code 87.
     */
    INVALID_PARAMETER(87),
    /** A duplicate registration, or the interface is already owned. Win32 code 183. */
    ALREADY_EXISTS(183),
    /**
     * The operation cannot complete now: for example a protocol deregistering while it still owns
     * interfaces, IGMP changing membership inside a disable/enable window, or the MGM stopping.
     * Win32 code 1003.
     */
    CAN_NOT_COMPLETE(1003),
    /** The interface or MFE is unknown. Win32 code 1168. */
    NOT_FOUND(1168);

    private final int win32Code;

    MgmStatus(int win32Code) {
        this.win32Code = win32Code;
    }

    /**
     * Returns the Win32 status number the original MGM used for this status.
     *
     * @return the numeric code, for example 87 for {@link #INVALID_PARAMETER}
     */
    public int win32Code() {
        return win32Code;
    }
}
