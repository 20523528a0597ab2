package dev.authbroker.simulator;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The Meta apps the simulator knows, with their secrets and their exact ("Valid OAuth Redirect URIs") list. */
final class Apps {

    /** A registered app. Apps whose client id ends in {@code -wrapped} get the {@code {"data":[…]}} token answer. */
    record App(String clientId, String secret, List<String> redirectUris) {

        App {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(secret, "secret");
            redirectUris = List.copyOf(redirectUris);
        }

        boolean wrapsTokenAnswer() {
            return clientId.endsWith("-wrapped");
        }

        /** Meta compares redirect URIs byte for byte: no normalisation, no trailing-slash forgiveness. */
        boolean allows(String redirectUri) {
            return redirectUri != null && redirectUris.contains(redirectUri);
        }
    }

    private final Map<String, App> byClientId = new ConcurrentHashMap<>();

    void register(String clientId, String secret, List<String> redirectUris) {
        App app = new App(clientId, secret, redirectUris);
        byClientId.put(app.clientId(), app);
    }

    App find(String clientId) {
        return clientId == null ? null : byClientId.get(clientId);
    }

    /** Why Instagram would refuse to show its dialog for this client and redirect URI, or null when it would not. */
    String refusal(String clientId, String redirectUri) {
        App app = find(clientId);
        if (app == null) {
            return "Invalid platform app";
        }
        if (!app.allows(redirectUri)) {
            return "Invalid redirect_uri: the URL is not one of the app's Valid OAuth Redirect URIs";
        }
        return null;
    }
}
