package dev.authbroker.web.tenancy;

import jakarta.enterprise.context.RequestScoped;
import java.util.List;

/**
 * What the filters learn about the current request, for the resources (and back): the host it is for, and the
 * picker origins of the tenant whose session it carries. A CDI request-scoped bean rather than JAX-RS request
 * properties, because resources cannot portably inject {@code ContainerRequestContext} (RESTEasy refuses).
 */
@RequestScoped
public class CurrentRequest {

    private RequestHost host;
    private List<String> allowedOrigins;

    public RequestHost host() {
        return host;
    }

    void host(RequestHost host) {
        this.host = host;
    }

    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    public void allowedOrigins(List<String> origins) {
        this.allowedOrigins = List.copyOf(origins);
    }
}
