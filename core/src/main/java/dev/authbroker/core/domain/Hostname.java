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
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // the limit applies to the ASCII form, which IDN conversion makes longer
        return ascii.isEmpty() || ascii.length() > 253 ? Optional.empty() : Optional.of(new Hostname(ascii));
    }

    private static final java.util.regex.Pattern LABEL = java.util.regex.Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /**
     * A host name a tenant may claim as its custom domain: a valid DNS name (RFC 1035 labels, at least two, at most
     * 253 characters) that is not an IP literal, {@code localhost}, a wildcard, or the platform host or one of its
     * subdomains. Normalised first: lower case, one trailing dot dropped, IDN to punycode.
     */
    public static Hostname customDomain(String raw, Hostname platform) {
        if (raw == null || raw.isBlank() || raw.length() > 253 || raw.contains("*") || raw.contains(":")
                || raw.contains("/") || raw.contains("@") || raw.chars().anyMatch(c -> c <= 0x20)) {
            throw invalidHostname("hostname must be a DNS name such as files.example.com");
        }
        String host = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        try {
            host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalidHostname("hostname is not a valid DNS name");
        }
        String[] labels = host.split("\\.", -1);
        if (host.isEmpty() || host.length() > 253 || labels.length < 2) {
            throw invalidHostname("hostname must be a fully qualified DNS name such as files.example.com");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalidHostname("hostname is not a valid DNS name");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw invalidHostname("IP addresses cannot be custom domains");
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            throw invalidHostname("localhost cannot be a custom domain");
        }
        if (platform != null && (host.equals(platform.value()) || host.endsWith("." + platform.value()))) {
            throw invalidHostname("the platform's own host and its subdomains cannot be custom domains");
        }
        return new Hostname(host);
    }

    private static dev.authbroker.core.error.BrokerException invalidHostname(String message) {
        return new dev.authbroker.core.error.BrokerException(dev.authbroker.core.error.ErrorCode.INVALID_HOSTNAME, message);
    }

    @Override
    public String toString() {
        return value;
    }
}
