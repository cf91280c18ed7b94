package org.openmgm.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An open group enumeration (spec §3.15–3.17): a snapshot of the joined groups taken when it was
 * opened ([RES Q38]), read in batches. It belongs to the registration that opened it and is closed
 * implicitly when that registration ends ([RES Q30]). Thread-safe.
 */
@ProviderType
public interface GroupEnumeration extends AutoCloseable {

    /**
     * Returns what this enumeration lists.
     *
     * @return the type it was opened with
     */
    EnumerationType type();

    /**
     * Returns the next batch of keys, in {@link SourceGroup} order.
     *
     * @param maxEntries the largest batch wanted, at least 1
     * @return up to {@code maxEntries} keys; empty once everything was returned
     * @throws MgmException {@link MgmStatus#INVALID_PARAMETER} if the enumeration was closed
     *     (explicitly or by deregistration) or {@code maxEntries} is below 1
     */
    List<SourceGroup> next(int maxEntries);

    /**
     * Tells whether {@link #next(int)} would return more keys.
     *
     * @return {@code true} while keys remain; {@code false} once exhausted or closed
     */
    boolean hasMore();

    /** Ends the enumeration and releases its snapshot (spec §3.17). Idempotent. */
    @Override
    void close();
}
