package dev.authbroker.web.tenancy;

import dev.authbroker.core.domain.CustomDomain;
import dev.authbroker.core.domain.Hostname;

/**
 * The host a browser-facing request was made for, after {@code X-Forwarded-Host} from trusted proxies, and the
 * verified custom domain it names (null on the platform host).
 */
public record RequestHost(Hostname host, CustomDomain domain) {

    public boolean customDomain() {
        return domain != null;
    }
}
