package org.openmgm.api;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parsing of numeric addresses without name lookups, for the value types of this package. */
final class Addresses {

    private Addresses() {
    }

    /** Parses a numeric IPv4 or IPv6 address; {@code context} names the whole input in errors. */
    static InetAddress parse(String literal, String context) {
        String s = literal.strip();
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = s.contains(":") && s.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) {
            throw MgmException.invalid("'" + context + "' is not a numeric IP address");
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw MgmException.invalid("'" + context + "' is not a numeric IP address");
        }
    }
}
