package dev.authbroker.web.health;

import dev.authbroker.persistence.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    Database db;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("database").status(db.isReachable()).build();
    }
}
