package dev.authbroker.web.metrics;

import dev.authbroker.core.error.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * The broker's own counters, kept in the server's registry and exported with the server's metrics: on Payara through
 * MicroProfile Metrics at {@code /metrics}, on WildFly through the micrometer subsystem's Prometheus registry at
 * {@code /metrics} of the management interface. The Prometheus names are the same on both
 * ({@code authbroker_sign_ins_total{outcome="completed",…}}), so one dashboard reads either server.
 *
 * <p>Every counter of a name carries the same tag keys (both registries require it); an absent value is {@code none}.
 */
@ApplicationScoped
public class BrokerMetrics {

    private static final Logger LOG = Logger.getLogger(BrokerMetrics.class.getName());
    private static final String PROVIDER = "instagram";

    @Inject
    BeanManager beans;

    private Meters meters = Meters.NONE;

    @PostConstruct
    void connect() {
        meters = Meters.ofPlatform(beans);
        LOG.info("application metrics: " + meters.describe());
    }

    /** Connects at deployment, on the deployment's thread, rather than on the first counted event. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        meters.describe();
    }

    /** A sign-in started (302 to the provider), or refused before it could start. */
    public void signInStarted() {
        signIn("started", "none");
    }

    public void signInCompleted() {
        signIn("completed", "none");
    }

    /** The person chose Cancel at the provider. */
    public void signInDenied() {
        signIn("denied", "none");
    }

    public void signInFailed(ErrorCode code) {
        signIn("failed", code.code());
    }

    private void signIn(String outcome, String error) {
        meters.increment("authbroker_sign_ins", "Sign-ins by outcome and error code",
                "provider", PROVIDER, "outcome", outcome, "error", error);
    }

    /** A Deauthorize or Data Deletion callback: {@code kind} deauthorize | data_deletion. */
    public void metaCallback(String kind, boolean accepted) {
        meters.increment("authbroker_meta_callbacks", "Meta's Deauthorize and Data Deletion callbacks by outcome",
                "provider", PROVIDER, "kind", kind, "outcome", accepted ? "accepted" : "rejected");
    }

    /** A token refresh: {@code outcome} refreshed | failed. */
    public void tokenRefresh(boolean refreshed) {
        meters.increment("authbroker_token_refreshes", "Long-lived token refreshes by outcome",
                "provider", PROVIDER, "outcome", refreshed ? "refreshed" : "failed");
    }

    /** One re-check lookup of a custom domain's TXT record: found | missing | no_answer (DNS did not answer). */
    public void domainCheck(String outcome) {
        meters.increment("authbroker_domain_checks", "DNS checks of custom domains by outcome", "outcome", outcome);
    }
}
