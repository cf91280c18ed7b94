package org.openmgm.shell.impl;

/**
 * One option a command accepts, e.g. {@code -g/--group GROUP}. The web API takes the same option as
 * the query parameter named by its long name ({@code ?group=239.1.1.1}).
 *
 * @param shortName e.g. {@code g}, or {@code null}
 * @param longName e.g. {@code group}
 * @param valueName e.g. {@code GROUP}, or {@code null} for a flag
 * @param help one line for the usage text
 */
public record Option(String shortName, String longName, String valueName, String help) {

    /** {@code --json}: print JSON instead of text. */
    public static final Option JSON = new Option(null, "json", null, "print JSON instead of text");
    /** {@code -g/--group}. */
    public static final Option GROUP = new Option("g", "group", "GROUP", "only this group (e.g. 239.1.1.1)");
    /** {@code -s/--source}. */
    public static final Option SOURCE = new Option("s", "source", "SOURCE", "only this source (e.g. 10.1.1.1)");
    /** {@code -i/--interface}. */
    public static final Option INTERFACE = new Option("i", "interface", "IF",
            "only this interface: a name (sim101, eth0), an index (7, if7) or 7/NEXTHOP");
    /** {@code -p/--protocol}. */
    public static final Option PROTOCOL = new Option("p", "protocol", "PROTO",
            "only this protocol: a name (igmp) or an id (10, 10/0)");

    /**
     * Tells whether the option takes a value.
     *
     * @return {@code false} for a flag
     */
    public boolean takesValue() {
        return valueName != null;
    }

    /**
     * Returns the usage form, e.g. {@code -g, --group GROUP}.
     *
     * @return the text
     */
    public String synopsis() {
        return (shortName == null ? "    " : "-" + shortName + ", ") + "--" + longName
                + (valueName == null ? "" : " " + valueName);
    }
}
