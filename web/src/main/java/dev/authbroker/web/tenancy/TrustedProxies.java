package dev.authbroker.web.tenancy;

import dev.authbroker.web.config.BrokerConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The proxies of {@code authbroker.trusted-proxies}, parsed once: whether a peer is one of them, and the address a
 * request came from — the peer, or behind a trusted proxy the last {@code X-Forwarded-For} value (the one the
 * nearest proxy added; earlier values come from the client and count for nothing).
 */
@ApplicationScoped
public class TrustedProxies {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    @Inject
    BrokerConfig config;

    private List<Cidr> networks;

    @PostConstruct
    void parse() {
        networks = config.trustedProxies().stream().map(Cidr::parse).toList();
    }

    public boolean trusts(String peer) {
        return peer != null && networks.stream().anyMatch(cidr -> cidr.contains(peer));
    }

    public String clientAddress(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!trusts(peer)) {
            return peer;
        }
        String forwarded = String.join(",", Collections.list(request.getHeaders("X-Forwarded-For")));
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
        return IP_LITERAL.matcher(last).matches() ? last : peer;
    }

    /**
     * Whether the browser used https: the connection itself, or behind a trusted proxy its {@code X-Forwarded-Proto}
     * (the last value). Cookies set on such a request carry {@code Secure}.
     */
    public boolean https(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        if (!trusts(request.getRemoteAddr())) {
            return false;
        }
        String forwarded = String.join(",", Collections.list(request.getHeaders("X-Forwarded-Proto")));
        return forwarded.substring(forwarded.lastIndexOf(',') + 1).trim().equalsIgnoreCase("https");
    }
}
