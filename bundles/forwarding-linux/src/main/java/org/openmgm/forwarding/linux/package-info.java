/**
 * The Linux kernel's multicast forwarding plane for OpenMGM, through the Foreign Function &amp;
 * Memory API: {@link org.openmgm.forwarding.linux.LinuxPlane} (the plane),
 * {@link org.openmgm.forwarding.linux.LinuxPlaneComponent} (its OSGi component, PID {@code
 * org.openmgm.forwarding.linux}) and {@link org.openmgm.forwarding.linux.LinuxPlaneSettings} (the
 * configuration keys). Not exported.
 */
package org.openmgm.forwarding.linux;
