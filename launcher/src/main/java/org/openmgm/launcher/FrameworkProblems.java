package org.openmgm.launcher;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;

/** Logs framework errors and warnings with the bundle they concern and the reason. */
final class FrameworkProblems implements FrameworkListener {

    private final ConsoleLog log;

    FrameworkProblems(ConsoleLog log) {
        this.log = log;
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() != FrameworkEvent.ERROR && event.getType() != FrameworkEvent.WARNING) {
            return;
        }
        Bundle b = event.getBundle();
        String who = b == null ? "framework" : "bundle " + b.getSymbolicName() + " [" + b.getBundleId() + "] ("
                + b.getLocation() + ")";
        Throwable t = event.getThrowable();
        String why = t == null ? "" : ": " + describe(t);
        if (event.getType() == FrameworkEvent.ERROR) {
            log.error("Problem with " + who + why, t);
        } else {
            log.warn("Warning for " + who + why);
        }
    }

    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append(" <- ").append(c.getMessage());
        }
        return sb.toString();
    }
}
