package dev.authbroker.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** All JAX-RS resources live under {@code /api}; the rest of the context root serves static pages. */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "authbroker", version = "0.1",
        description = "OAuth broker for file pickers: admin API, picker API and Meta callbacks"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "operator token or tenant secret (admin API); picker session token (picker API)")
public class BrokerApplication extends Application {
}
