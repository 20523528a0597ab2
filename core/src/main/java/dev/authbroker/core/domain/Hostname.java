package dev.authbroker.core.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * A DNS host name in its canonical form: lower case, ASCII (IDN labels in punycode), no port, no trailing dot.
 */
public record Hostname(String value) {

    public Hostname {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("hostname");
        }
    }

    /**
     * The host of a {@code Host} header (or of a URL authority): port and one trailing dot dropped, lower-cased,
     * IDN converted to punycode. Empty when it is not a usable host name.
     */
    public static Optional<Hostname> fromHostHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String host = header.trim();
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? Optional.empty() : Optional.of(new Hostname(host.substring(0, close + 1).toLowerCase(Locale.ROOT)));
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            String port = host.substring(colon + 1);
            if (!port.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty() || host.length() > 253) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Hostname(IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
