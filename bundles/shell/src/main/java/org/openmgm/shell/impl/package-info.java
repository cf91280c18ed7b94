/**
 * The operator surface of OpenMGM: what an operator types and reads to see what the router does.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li>{@link org.openmgm.shell.impl.RouterView} is the one component that holds the services the
 *       commands read ({@link org.openmgm.api.MulticastGroupService}, and when present {@link
 *       org.openmgm.api.IgmpService}, the plane's {@link org.openmgm.spi.InterfaceDirectory} and the
 *       {@link org.openmgm.spi.PacketSimulator}); it turns interface names into ids and back.</li>
 *   <li>Every command is one class in {@code commands}, one DS component that is both a Gogo command
 *       ({@code osgi.command.scope=mgm}) and a {@link org.openmgm.shell.impl.ShellCommand} service. A
 *       command builds a JSON-shaped model (maps and lists) from one snapshot and renders it either as
 *       aligned text or as JSON ({@code --json}), so every surface shows the same data.</li>
 *   <li>{@code cli} serves {@code bin/openmgm show ...} over a Unix domain socket under {@code data/}
 *       (owner-only), {@code web} serves the same commands as a read-only JSON API, the MIB-shaped
 *       tables and the live web view over the OSGi HTTP Whiteboard.</li>
 * </ul>
 * Nothing here changes the router's state except the {@code sim-*} commands, which only inject
 * packets into the simulated plane, and only exist on the Gogo console and the owner-only CLI.
 */
package org.openmgm.shell.impl;
