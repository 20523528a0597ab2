package dev.authbroker.web.admin;

import dev.authbroker.core.crypto.RandomToken;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.tenant.Tenant;
import dev.authbroker.core.tenant.TenantRepository;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.config.BrokerConfig;
import dev.authbroker.web.limits.Limits;
import dev.authbroker.web.tenancy.TrustedProxies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Turns an {@code Authorization: Bearer} header into an {@link AdminCaller}. The operator token is compared in
 * constant time; a tenant secret is looked up by its SHA-256 and then compared in constant time too.
 */
@ApplicationScoped
public class AdminAuthenticator {

    @Inject
    BrokerConfig config;

    @Inject
    Database db;

    @Inject
    TenantRepository tenants;

    @Inject
    Limits limits;

    @Inject
    TrustedProxies proxies;

    @Inject
    HttpServletRequest servletRequest;

    /**
     * The caller these credentials name. Failed attempts are counted per client address: over
     * {@code authbroker.rate-limit.admin-failures}, that address gets 429 for a while, right credentials or not.
     */
    public AdminCaller authenticate(String authorization) {
        Optional<String> operatorToken = config.adminToken();
        if (operatorToken.isEmpty()) {
            throw new BrokerException(ErrorCode.ADMIN_API_DISABLED,
                    "the admin API is disabled: set authbroker.admin-token to enable it");
        }
        if (operatorToken.get().length() < BrokerConfig.MIN_ADMIN_TOKEN_LENGTH) {
            throw new BrokerException(ErrorCode.ADMIN_API_DISABLED, "the admin API is disabled: authbroker.admin-token "
                    + "is shorter than " + BrokerConfig.MIN_ADMIN_TOKEN_LENGTH + " characters");
        }
        String address = proxies.clientAddress(servletRequest);
        limits.adminAllowed(address);
        try {
            return caller(operatorToken.get(), bearer(authorization));
        } catch (BrokerException e) {
            if (e.code() == ErrorCode.UNAUTHORIZED) {
                limits.adminFailed(address);
            }
            throw e;
        }
    }

    private AdminCaller caller(String operatorToken, String presented) {
        if (RandomToken.constantTimeEquals(operatorToken, presented)) {
            return AdminCaller.OPERATOR;
        }
        Optional<Tenant> tenant = db.transaction(em -> tenants.findBySecretHash(RandomToken.sha256Hex(presented)));
        if (tenant.isPresent() && tenant.get().secretMatches(presented)) {
            return new AdminCaller(tenant.get().id());
        }
        throw unauthorized();
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized();
        }
        String token = authorization.substring(7).trim();
        if (token.isEmpty() || token.length() > 512) {
            throw unauthorized();
        }
        return token;
    }

    private static BrokerException unauthorized() {
        return new BrokerException(ErrorCode.UNAUTHORIZED, "missing or invalid bearer token");
    }
}
