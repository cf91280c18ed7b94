/**
 * The IGMP wire format, router side (RFC 1112, RFC 2236, RFC 3376): the immutable message model
 * ({@link org.openmgm.igmp.impl.codec.IgmpMessage} and its records), the pure codec
 * ({@link org.openmgm.igmp.impl.codec.IgmpCodec}: bytes after the IP header in, records out, and
 * back) and the IGMPv3 time codes ({@link org.openmgm.igmp.impl.codec.TimeCode}). A message that must
 * be dropped is a {@link org.openmgm.igmp.impl.codec.MalformedIgmpException} carrying the drop reason
 * to count. Nothing here does I/O, logs or reads a clock.
 *
 * <p>Tests: unit tests, golden vectors captured from Linux hosts and bridge queriers
 * (src/test/resources/golden, with the script that captures them) and two Jazzer fuzz targets, which
 * fuzz for a bounded time in every {@code mvn test} of this module.
 */
package org.openmgm.igmp.impl.codec;
