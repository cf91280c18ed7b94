package org.openmgm.forwarding.linux;

/**
 * A JVM of its own that tries to start the plane and prints the outcome, for {@link
 * PrivilegeIT}: a process can lose its capabilities, a test JVM thread cannot.
 */
public final class StartProbe {

    private StartProbe() {
    }

    /**
     * Starts the plane with the default settings and prints "started" or the explanation.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try {
            LinuxPlane.start(LinuxPlaneSettings.DEFAULTS).shutdown();
            System.out.println("started");
        } catch (PlaneUnavailableException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
