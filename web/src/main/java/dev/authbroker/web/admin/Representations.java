package dev.authbroker.web.admin;

import dev.authbroker.core.app.ProviderApp;
import dev.authbroker.core.audit.AuditEvent;
import dev.authbroker.core.json.JsonTools;
import dev.authbroker.core.tenant.Tenant;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** Admin API bodies. Secrets are write-only: nothing here reads one. */
final class Representations {

    private Representations() {
    }

    static JsonObjectBuilder tenant(Tenant t) {
        JsonArrayBuilder origins = JsonTools.array();
        t.origins().forEach(origins::add);
        return JsonTools.object()
                .add("id", t.id())
                .add("name", t.name())
                .add("apikey", t.apiKey())
                .add("origins", origins)
                .add("status", t.status().name().toLowerCase(java.util.Locale.ROOT))
                .add("createdAt", t.createdAt().toString())
                .add("updatedAt", t.updatedAt().toString());
    }

    static JsonObject app(ProviderApp app) {
        return JsonTools.object()
                .add("provider", app.provider())
                .add("clientId", app.clientId())
                .add("clientSecretSet", true)
                .add("createdAt", app.createdAt().toString())
                .add("updatedAt", app.updatedAt().toString())
                .build();
    }

    static JsonObject audit(AuditEvent e) {
        JsonObjectBuilder b = JsonTools.object()
                .add("id", e.id())
                .add("at", e.at().toString())
                .add("actor", e.actor())
                .add("action", e.action());
        if (e.detail() != null) {
            b.add("detail", e.detail());
        }
        return b.build();
    }
}
