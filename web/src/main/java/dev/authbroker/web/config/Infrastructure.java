package dev.authbroker.web.config;

import dev.authbroker.core.app.ProviderAppRepository;
import dev.authbroker.core.audit.AuditLog;
import dev.authbroker.core.authorization.AuthorizationStateRepository;
import dev.authbroker.core.connection.ConnectionRepository;
import dev.authbroker.core.deletion.DeletionRequestRepository;
import dev.authbroker.core.domain.CustomDomainRepository;
import dev.authbroker.core.domain.TxtResolver;
import dev.authbroker.core.domain.UdpTxtResolver;
import dev.authbroker.core.instagram.InstagramClient;
import dev.authbroker.persistence.JpaCustomDomainRepository;
import dev.authbroker.core.instagram.MediaFetcher;
import dev.authbroker.persistence.JpaDeletionRequestRepository;
import dev.authbroker.persistence.JpaAuthorizationStateRepository;
import dev.authbroker.persistence.JpaConnectionRepository;
import java.net.http.HttpClient;
import dev.authbroker.core.crypto.SecretBox;
import dev.authbroker.core.tenant.TenantRepository;
import dev.authbroker.persistence.Database;
import dev.authbroker.persistence.DatabaseSettings;
import dev.authbroker.persistence.JpaAuditLog;
import dev.authbroker.persistence.JpaProviderAppRepository;
import dev.authbroker.persistence.JobLeases;
import dev.authbroker.persistence.JpaTenantRepository;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * Opens the database (migrating it first) and the secret box when the application starts, so a misconfiguration
 * fails the deployment with a clear message instead of the first request. Produces both, and the repositories, for
 * injection.
 */
@ApplicationScoped
public class Infrastructure {

    private static final Logger LOG = Logger.getLogger(Infrastructure.class.getName());

    @Inject
    BrokerConfig config;

    private Database database;
    private SecretBox secretBox;
    private InstagramClient instagram;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        config.requireStrongAdminToken();
        secretBox();
        database();
        LOG.info("authbroker started: database migrated, encryption key '" + secretBox.activeKeyId() + "' active");
    }

    @PreDestroy
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @Produces
    public synchronized Database database() {
        if (database == null) {
            database = Database.open(new DatabaseSettings(
                    config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbMaxConnections()));
        }
        return database;
    }

    @Produces
    public synchronized SecretBox secretBox() {
        if (secretBox == null) {
            secretBox = config.secretKeys()
                    .map(keys -> SecretBox.fromSpec(keys, config.activeSecretKey().orElse(null)))
                    .orElseGet(this::developmentSecretBox);
        }
        return secretBox;
    }

    @Produces
    JobLeases jobLeases() {
        return new JobLeases(database());
    }

    @Produces
    TenantRepository tenants() {
        return new JpaTenantRepository(database());
    }

    @Produces
    ProviderAppRepository providerApps() {
        return new JpaProviderAppRepository(database());
    }

    @Produces
    AuditLog auditLog() {
        return new JpaAuditLog(database());
    }

    @Produces
    AuthorizationStateRepository authorizationStates() {
        return new JpaAuthorizationStateRepository(database());
    }

    @Produces
    ConnectionRepository connections() {
        return new JpaConnectionRepository(database());
    }

    @Produces
    DeletionRequestRepository deletionRequests() {
        return new JpaDeletionRequestRepository(database());
    }

    @Produces
    CustomDomainRepository customDomains() {
        return new JpaCustomDomainRepository(database());
    }

    @Produces
    TxtResolver txtResolver() {
        return UdpTxtResolver.forServer(config.dnsServer().orElse(null), config.dnsTimeout());
    }

    @Produces
    MediaFetcher mediaFetcher() {
        return new MediaFetcher(new MediaFetcher.Policy(config.mediaHosts(), config.mediaHostsInsecure(),
                config.mediaMaxBytes(), config.connectTimeout(), config.readTimeout(), 3));
    }

    @Produces
    public synchronized InstagramClient instagram() {
        if (instagram == null) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(config.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            instagram = new InstagramClient(new InstagramClient.Endpoints(config.instagramAuthorizeUrl(),
                    config.instagramTokenUrl(), config.instagramGraphUrl()), http, config.readTimeout(), config.instagramScopes());
        }
        return instagram;
    }

    private SecretBox developmentSecretBox() {
        if (!config.devMode()) {
            throw new IllegalStateException("authbroker.secrets.keys is not set: configure at least one encryption key "
                    + "as id:base64(32 bytes), e.g. AUTHBROKER_SECRETS_KEYS=k1:$(head -c32 /dev/urandom | base64)");
        }
        Path file = Path.of(config.dataDir(), "dev-encryption.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, "dev:" + Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system; the file stays readable by its owner as usual
                }
            }
            LOG.warning("\n"
                    + "**********************************************************************\n"
                    + "*  DEVELOPMENT MODE: secrets are encrypted with a GENERATED key kept  *\n"
                    + "*  in " + file.toAbsolutePath() + "\n"
                    + "*  Never use this in production: set authbroker.secrets.keys.        *\n"
                    + "**********************************************************************");
            return SecretBox.fromSpec(Files.readString(file, StandardCharsets.US_ASCII).trim(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the development key " + file, e);
        }
    }
}
