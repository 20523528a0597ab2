package dev.authbroker.core.app;

import java.util.List;
import java.util.Optional;

/** Custom Auth apps: at most one per tenant and provider. */
public interface ProviderAppRepository {

    void add(ProviderApp app);

    Optional<ProviderApp> find(String tenantId, String provider);

    void delete(ProviderApp app);

    /** A page of all apps in id order, after {@code afterId} (null for the first page), for key rewrapping. */
    List<ProviderApp> page(String afterId, int limit);

    /** Writes the rewrapped secret if the row still holds the value read; false when a concurrent write replaced it. */
    boolean replaceSealedSecret(dev.authbroker.core.crypto.SealedRewrite rewrite);
}
