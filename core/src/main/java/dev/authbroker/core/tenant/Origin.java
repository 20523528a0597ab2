package dev.authbroker.core.tenant;

import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A web origin a tenant's picker is served from: exactly {@code scheme://host[:port]} (RFC 6454), http or https,
 * no path, query, fragment, userinfo or wildcard. Stored in the serialised form a browser sends, so a picker's
 * {@code origin} can be compared to it byte for byte.
 */
public record Origin(String value) {

    /** The longest origin stored, counted in its stored (ASCII, punycode) form. */
    public static final int MAX_LENGTH = 300;

    public Origin {
        if (value == null) {
            throw new IllegalArgumentException("origin");
        }
    }

    public static Origin parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_LENGTH) {
            throw invalid(raw);
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '*' || c == '\\' || c == '@' || c == '%') {
                throw invalid(raw);
            }
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw invalid(raw);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(raw);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())) {
            throw invalid(raw);
        }
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null && uri.getAuthority() != null) {
            // java.net.URI leaves internationalised host names unparsed: split the authority ourselves.
            String authority = uri.getAuthority();
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            try {
                port = colon < 0 ? -1 : Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw invalid(raw);
            }
        }
        if (host == null || host.isEmpty() || host.endsWith(".") || port == 0 || port > 65535) {
            throw invalid(raw);
        }
        try {
            host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            if (!host.startsWith("[")) {
                throw invalid(raw);
            }
        }
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String serialised = scheme + "://" + host + (defaultPort ? "" : ":" + port);
        // IDN → ASCII lengthens a name: the limit applies to what is stored and compared, not to what was sent.
        if (serialised.length() > MAX_LENGTH || host.length() > 253) {
            throw invalid(raw);
        }
        return new Origin(serialised);
    }

    private static BrokerException invalid(String raw) {
        return new BrokerException(ErrorCode.INVALID_ORIGIN,
                "origins must be exactly scheme://host[:port] with http or https, without path, query, userinfo or wildcard");
    }

    @Override
    public String toString() {
        return value;
    }
}
