package dev.authbroker.persistence;

import dev.authbroker.core.app.ProviderApp;
import dev.authbroker.core.audit.AuditEvent;
import dev.authbroker.core.authorization.SpentState;
import dev.authbroker.core.connection.Connection;
import dev.authbroker.core.connection.PickerSession;
import dev.authbroker.core.deletion.DeletionRequest;
import dev.authbroker.core.domain.CustomDomain;
import dev.authbroker.core.tenant.Tenant;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/** The persistence unit, described in code instead of persistence.xml so no container deploys it on its own. */
final class BrokerPersistenceUnit implements PersistenceUnitInfo {

    static final List<Class<?>> ENTITIES = List.of(
            Tenant.class,
            ProviderApp.class,
            AuditEvent.class,
            SpentState.class,
            Connection.class,
            PickerSession.class,
            DeletionRequest.class,
            CustomDomain.class);

    private final String providerClassName;
    private final ClassLoader classLoader;
    private final DataSource pool;

    /** {@code pool}: the connection pool to use, or null for the provider's own (from the JDBC properties). */
    BrokerPersistenceUnit(String providerClassName, ClassLoader classLoader, DataSource pool) {
        this.providerClassName = providerClassName;
        this.classLoader = classLoader;
        this.pool = pool;
    }

    @Override
    public String getPersistenceUnitName() {
        return "authbroker";
    }

    @Override
    public String getPersistenceProviderClassName() {
        return providerClassName;
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return pool;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        return Tenant.class.getProtectionDomain().getCodeSource().getLocation();
    }

    @Override
    public List<String> getManagedClassNames() {
        return ENTITIES.stream().map(Class::getName).toList();
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // No weaving: entities are used as plain classes on every provider.
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return classLoader;
    }
}
