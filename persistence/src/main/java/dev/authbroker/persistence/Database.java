package dev.authbroker.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flywaydb.core.Flyway;

/**
 * The broker's database: migrates the schema with Flyway, then opens a resource-local persistence unit built in
 * code from {@link DatabaseSettings}.
 *
 * <p>Why not a container data source: the JDBC URL is runtime configuration (MicroProfile Config), and a
 * persistence unit defined in code runs unchanged on EclipseLink (Payara) and Hibernate (WildFly) without
 * server-specific data source definitions. Transactions are explicit and short: {@link #transaction} binds an
 * {@link EntityManager} to the calling thread for the repositories to use.
 */
public final class Database implements AutoCloseable {

    /** The longest a request waits for a pooled connection: a 503 in a database outage comes within 2 s. */
    static final long POOL_WAIT_MILLIS = 1_500;

    private final EntityManagerFactory factory;
    private final AutoCloseable pool;
    private final DatabaseSettings settings;
    private final boolean postgresql;
    private final ThreadLocal<EntityManager> current = new ThreadLocal<>();

    private Database(EntityManagerFactory factory, AutoCloseable pool, DatabaseSettings settings) {
        this.factory = factory;
        this.pool = pool;
        this.settings = settings;
        this.postgresql = settings.url().startsWith("jdbc:postgresql:");
    }

    /** Whether the database is PostgreSQL (else H2), for the few statements the two write differently. */
    boolean isPostgresql() {
        return postgresql;
    }

    public static Database open(DatabaseSettings settings) {
        migrate(settings);
        Map<String, Object> properties = new HashMap<>();
        properties.put("jakarta.persistence.jdbc.driver", settings.driverClass());
        properties.put("jakarta.persistence.jdbc.url", settings.url());
        properties.put("jakarta.persistence.jdbc.user", settings.user());
        properties.put("jakarta.persistence.jdbc.password", settings.password());
        properties.put("jakarta.persistence.schema-generation.database.action", "none");
        // EclipseLink: no weaving agent in a WAR, a small internal pool, no shared cache (several brokers may
        // share one database, and refresh leases must see each other's writes).
        properties.put("eclipselink.weaving", "false");
        properties.put("eclipselink.cache.shared.default", "false");
        // min = max: EclipseLink closes a released connection whenever the pool holds more than min, so a small
        // min under concurrent load opens and closes a database connection per transaction (measured: 258 sockets
        // in TIME-WAIT on PostgreSQL after 10 s of sign-ins). Connections are still opened lazily from one.
        // One connection per transaction, for its reads and writes alike.
        String max = Integer.toString(settings.maxConnections());
        properties.put("eclipselink.connection-pool.default.initial", "1");
        properties.put("eclipselink.connection-pool.default.min", max);
        properties.put("eclipselink.connection-pool.default.max", max);
        properties.put("eclipselink.connection-pool.read.initial", "1");
        properties.put("eclipselink.connection-pool.read.min", "2");
        properties.put("eclipselink.connection-pool.read.max", "2");
        properties.put("eclipselink.jdbc.exclusive-connection.mode", "Always");
        // Fail fast while the database is down: no 3-minute wait for a pooled connection, no silent query retries
        // (EclipseLinkFailFast): every request needing the database answers within 2 s, 503 when it is away.
        properties.put("eclipselink.connection-pool.default.wait", Long.toString(POOL_WAIT_MILLIS));
        properties.put("eclipselink.query-retry-attempt-count", "0");
        // named, not referenced: under Hibernate (WildFly) these classes cannot even be linked
        properties.put("eclipselink.session.customizer", "dev.authbroker.persistence.EclipseLinkFailFast");
        properties.put("eclipselink.logging.logger", "dev.authbroker.persistence.EclipseLinkQuietLog");
        properties.put("eclipselink.logging.level", "WARNING");
        properties.put("eclipselink.logging.parameters", "false");
        // Hibernate: the same, in its words.
        properties.put("hibernate.connection.pool_size", Integer.toString(settings.maxConnections()));
        properties.put("hibernate.hbm2ddl.auto", "none");
        PersistenceProvider provider = provider();
        HikariDataSource pool = null;
        if (provider.getClass().getName().startsWith("org.hibernate")) {
            // Hibernate's built-in pool is "not intended for production use" and fails at once when exhausted:
            // under Hibernate the broker brings HikariCP, sized and timed like EclipseLink's pool above.
            pool = hikari(settings);
            properties.keySet().removeIf(key -> key.startsWith("jakarta.persistence.jdbc."));
            properties.put("jakarta.persistence.nonJtaDataSource", pool);
        }
        try {
            EntityManagerFactory factory = provider.createContainerEntityManagerFactory(
                    new BrokerPersistenceUnit(provider.getClass().getName(), Database.class.getClassLoader(), pool), properties);
            return new Database(factory, pool, settings);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw e;
        }
    }

    private static HikariDataSource hikari(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("authbroker");
        config.setDriverClassName(settings.driverClass());
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxConnections());
        // fail fast while the database is down, as EclipseLink's pool wait above
        config.setConnectionTimeout(POOL_WAIT_MILLIS);
        // start even when the database is not reachable yet; connections are opened when it is
        config.setInitializationFailTimeout(-1);
        // after a database restart, drop the connections it broke instead of reusing them forever
        config.setExceptionOverrideClassName(BrokenConnections.class.getName());
        return new HikariDataSource(config);
    }

    static void migrate(DatabaseSettings settings) {
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:dev/authbroker/persistence/migration")
                // Java migrations are named here, not found by class-path scanning: scanning differs between servers.
                .javaMigrations(new V9__TenantOriginIndex())
                .load()
                .migrate();
    }

    private static PersistenceProvider provider() {
        List<PersistenceProvider> providers = PersistenceProviderResolverHolder.getPersistenceProviderResolver()
                .getPersistenceProviders();
        if (providers.isEmpty()) {
            throw new IllegalStateException("no Jakarta Persistence provider on the class path");
        }
        return providers.get(0);
    }

    /**
     * Runs {@code work} in a transaction, committing on return and rolling back on any exception. Nested calls join
     * the outer transaction.
     */
    public <T> T transaction(Function<EntityManager, T> work) {
        EntityManager outer = current.get();
        if (outer != null) {
            return work.apply(outer);
        }
        EntityManager em = factory.createEntityManager();
        current.set(em);
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } catch (RuntimeException | Error e) {
            if (tx.isActive()) {
                try {
                    tx.rollback();
                } catch (RuntimeException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
            }
            throw e;
        } finally {
            current.remove();
            em.close();
        }
    }

    public void run(Runnable work) {
        transaction(em -> {
            work.run();
            return null;
        });
    }

    /** The entity manager of the calling thread's transaction. */
    public EntityManager em() {
        EntityManager em = current.get();
        if (em == null) {
            throw new IllegalStateException("no transaction on this thread: wrap the call in Database.transaction");
        }
        return em;
    }

    /**
     * Tells every broker listening on this database ({@link #listenForChanges}) that {@code key} changed, when the
     * database is PostgreSQL ({@code NOTIFY}, delivered at commit). On H2, which serves one broker, it does nothing.
     */
    public void publishChange(String key) {
        if (postgresql) {
            transaction(em -> em.createNativeQuery("SELECT pg_notify(?1, ?2)")
                    .setParameter(1, ChangeListener.CHANNEL).setParameter(2, key).getSingleResult());
        }
    }

    /**
     * Hands every key published by any broker on this database (this one included) to {@code onChange}, on a thread
     * of its own with a connection of its own; {@code onMissed} runs whenever the listener (re)connects, for the
     * notices that may have gone by meanwhile. On H2 nothing is listened to. Close the answer to stop.
     */
    public AutoCloseable listenForChanges(Consumer<String> onChange, Runnable onMissed) {
        if (!postgresql) {
            return () -> { };
        }
        return ChangeListener.start(settings, onChange, onMissed);
    }

    /** Whether {@code failure} is the database's: a persistence exception, or caused by a JDBC one. */
    public static boolean isDatabaseFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof PersistenceException) {
                return true;
            }
        }
        return false;
    }

    /** True when the database answers a trivial query. */
    public boolean isReachable() {
        try {
            return transaction(em -> em.createNativeQuery("SELECT 1").getSingleResult() != null);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (factory.isOpen()) {
            factory.close();
        }
        if (pool != null) {
            try {
                pool.close();
            } catch (Exception e) {
                // closing at shutdown: nothing left to do about it
            }
        }
    }
}
