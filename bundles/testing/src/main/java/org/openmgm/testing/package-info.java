/**
 * Test fixtures for OpenMGM: a {@link org.openmgm.testing.RecordingProtocol} that captures every
 * callback in order (usable from plain unit tests, from Pax Exam probes, and deployable as a
 * configured DS component), plus helpers to wait for what it records.
 *
 * <p>This package is exported so that integration tests can share the fixture classes; it is
 * not part of the product API and is versioned 0.x.
 */
@Export
@Version("0.1.0")
package org.openmgm.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
