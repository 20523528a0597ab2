package dev.authbroker.web.client;

import dev.authbroker.core.app.ClientCredentials;
import dev.authbroker.core.app.ProviderApp;
import dev.authbroker.core.authorization.AuthorizationState;
import dev.authbroker.core.authorization.AuthorizationStateRepository;
import dev.authbroker.core.connection.Connection;
import dev.authbroker.core.connection.ConnectionRepository;
import dev.authbroker.core.connection.PickerSession;
import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.core.domain.Hostname;
import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.instagram.InstagramClient;
import dev.authbroker.core.instagram.Profile;
import dev.authbroker.core.oauth.TokenGrant;
import dev.authbroker.core.tenant.Tenant;
import dev.authbroker.persistence.Database;
import dev.authbroker.web.config.BrokerConfig;
import dev.authbroker.web.tenancy.Lookups;
import dev.authbroker.web.tenancy.TenantResolver;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The authorization code flow (RFC 6749 §4.1) against Instagram, for one tenant and the one app it uses: start
 * records a state and sends the browser to Instagram; complete consumes the state, exchanges the code with the app
 * the state names, and stores the connection.
 */
@ApplicationScoped
public class InstagramSignIn {

    static final String PROVIDER = "instagram";
    static final String CALLBACK_PATH = "/api/client/instagram/authCallback/open";
    private static final Logger LOG = Logger.getLogger(InstagramSignIn.class.getName());

    @Inject
    BrokerConfig config;

    @Inject
    Database db;

    @Inject
    AuthorizationStateRepository states;

    @Inject
    Lookups lookups;

    @Inject
    ConnectionRepository connections;

    @Inject
    SecretBox box;

    @Inject
    InstagramClient instagram;

    /** Seals and opens states: a key of their own, derived from the broker's keys. */
    private SecretBox stateBox;

    @PostConstruct
    void deriveStateKey() {
        stateBox = box.derive(AuthorizationState.KEY_PURPOSE);
    }

    /** Where to send the browser. */
    public record Started(String authorizeUrl) {
    }

    /** A stored connection and the picker session handed to the picker. */
    public record Completed(String sessionToken, String username, String origin) {
        @Override
        public String toString() {
            return "Completed[username=" + username + ", session=***]";
        }
    }

    public Started start(TenantResolver.Resolved resolved, String origin, String browserToken) {
        Tenant tenant = resolved.tenant();
        if (!tenant.isActive()) {
            throw new BrokerException(ErrorCode.TENANT_DISABLED, "this app is disabled and cannot connect Instagram accounts");
        }
        if (origin == null || !tenant.allowsOrigin(origin)) {
            throw new BrokerException(ErrorCode.INVALID_ORIGIN, "origin is not one of this app's allowed picker origins");
        }
        Optional<ProviderApp> custom = lookups.instagramApp(tenant.id());
        String appId;
        String clientId;
        if (custom.isPresent()) {
            appId = custom.get().id();
            clientId = custom.get().clientId();
        } else if (resolved.customDomain()) {
            throw new BrokerException(ErrorCode.CUSTOM_AUTH_REQUIRED, "this app is served on its own domain ("
                    + resolved.host() + "), so it must use its own Instagram app: in the Developer Portal, open Custom Auth "
                    + "for Instagram and save your Instagram App ID and App Secret, and add " + resolved.publicOrigin()
                    + CALLBACK_PATH + " to the app's Valid OAuth Redirect URIs");
        } else {
            appId = null;
            clientId = sharedApp().clientId();
        }
        String redirectUri = resolved.publicOrigin() + CALLBACK_PATH;
        AuthorizationState.Started started = AuthorizationState.start(
                new AuthorizationState.Binding(tenant.id(), appId, clientId, resolved.host().value(), redirectUri, origin),
                browserToken, Instant.now(), config.stateTtl(), stateBox);
        return new Started(instagram.authorizationUrl(clientId, redirectUri, started.token()));
    }

    /** Opens (decrypts and authenticates) the state; it is not spent yet. */
    public AuthorizationState open(String stateToken) {
        if (stateToken == null || stateToken.isEmpty()) {
            throw new BrokerException(ErrorCode.INVALID_STATE, "the sign-in link is incomplete; start again from the app");
        }
        return AuthorizationState.open(stateToken, stateBox).orElseThrow(() -> new BrokerException(
                ErrorCode.INVALID_STATE, "this sign-in is unknown; start again from the app"));
    }

    /**
     * Checks the state against this callback (browser cookie, host, expiry), and only then spends it: whatever
     * happens next, it cannot be used again. A callback from another browser or host leaves the state to its owner,
     * so holding a callback URL is not enough to burn someone's sign-in.
     */
    public void verifyAndSpend(AuthorizationState state, String browserToken, Hostname callbackHost) {
        String mismatch = state.mismatch(browserToken, callbackHost.value(), Instant.now());
        if (mismatch != null) {
            throw new BrokerException(ErrorCode.INVALID_STATE, mismatch);
        }
        if (!states.spend(state)) {
            throw new BrokerException(ErrorCode.INVALID_STATE, "this sign-in was already used; start again from the app");
        }
    }

    public Completed complete(AuthorizationState state, String code) {
        AuthorizationState.Binding binding = state.binding();
        if (code == null || code.isEmpty() || code.length() > 2048) {
            throw new BrokerException(ErrorCode.INVALID_REQUEST, "Instagram sent no authorization code");
        }
        Tenant tenant = lookups.tenant(binding.tenantId()).filter(Tenant::isActive).orElseThrow(() ->
                new BrokerException(ErrorCode.TENANT_DISABLED, "this app was disabled or removed during the sign-in"));
        ClientCredentials app = credentials(tenant, binding);
        Instant now = Instant.now();
        TokenGrant shortLived = instagram.exchangeCode(app, binding.redirectUri(), code);
        TokenGrant longLived = instagram.exchangeForLongLived(app, shortLived.accessToken(), now);
        Profile profile = instagram.profile(longLived.accessToken());
        // The code exchange names the user by the app-scoped id, like /me's id; /me's user_id is the account id.
        if (!shortLived.userId().equals(profile.appScopedId()) && !shortLived.userId().equals(profile.accountId())) {
            LOG.warning("Instagram's code exchange named a user that /me does not (tenant " + binding.tenantId()
                    + "); keeping /me's ids");
        }
        PickerSession.Issued session = db.transaction(em -> {
            Connection connection = connections.find(binding.tenantId(), binding.clientId(), profile.accountId()).orElse(null);
            if (connection == null) {
                connection = Connection.create(binding.tenantId(), PROVIDER, binding.appId(), binding.clientId(), profile.accountId());
                connection.replaceToken(longLived.accessToken(), now, longLived.expiresAt(), box, now);
                connection.rename(profile.username(), now);
                connection.identifyAppScoped(profile.appScopedId(), now);
                connections.add(connection);
            } else {
                connection.replaceToken(longLived.accessToken(), now, longLived.expiresAt(), box, now);
                connection.rename(profile.username(), now);
                connection.identifyAppScoped(profile.appScopedId(), now);
            }
            PickerSession.Issued issued = PickerSession.issue(connection, now, config.sessionTtl());
            connections.addSession(issued.session());
            return issued;
        });
        return new Completed(session.token(), profile.username(), binding.origin());
    }

    private ClientCredentials credentials(Tenant tenant, AuthorizationState.Binding binding) {
        if (binding.sharedApp()) {
            ClientCredentials shared = sharedApp();
            if (!shared.clientId().equals(binding.clientId())) {
                throw new BrokerException(ErrorCode.PROVIDER_ERROR, "the shared Instagram app changed during the sign-in; start again");
            }
            return shared;
        }
        ProviderApp app = lookups.instagramApp(tenant.id())
                .filter(a -> a.id().equals(binding.appId()) && a.clientId().equals(binding.clientId()))
                .orElseThrow(() -> new BrokerException(ErrorCode.PROVIDER_ERROR,
                        "this app's Instagram settings changed during the sign-in; start again"));
        return app.credentials(box);
    }

    ClientCredentials sharedApp() {
        Optional<String> id = config.instagramClientId();
        Optional<String> secret = config.instagramClientSecret();
        if (id.isEmpty() || secret.isEmpty()) {
            throw new BrokerException(ErrorCode.NO_APP_CONFIGURED, "no Instagram app is configured for this app: the platform "
                    + "has no shared app (authbroker.instagram.client-id / client-secret) and the app has no Custom Auth");
        }
        return new ClientCredentials(id.get(), secret.get());
    }
}
