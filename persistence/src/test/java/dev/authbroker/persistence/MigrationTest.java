package dev.authbroker.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Migrations applied to a database that already holds data from an earlier version. */
class MigrationTest {

    @Test
    void tenantOriginsOfExistingTenantsAreIndexed() throws Exception {
        String url = "jdbc:h2:mem:migrate-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure(Database.class.getClassLoader()).dataSource(url, "sa", "")
                .locations("classpath:dev/authbroker/persistence/migration").target("8").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO tenant (id, name, api_key, secret_hash, origins, status, created_at, updated_at) VALUES "
                    + "('t1', 'one', 'pk_1', 'h1', 'https://a.test\nhttp://localhost:3000', 'ACTIVE', 0, 0), "
                    + "('t2', 'two', 'pk_2', 'h2', 'https://a.test', 'ACTIVE', 0, 0)");
        }

        Database.migrate(new DatabaseSettings(url, "sa", "", 2));

        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT tenant_id, origin FROM tenant_origin ORDER BY tenant_id, origin")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getString(2));
            }
        }
        assertThat(rows).containsExactly("t1 http://localhost:3000", "t1 https://a.test", "t2 https://a.test");
    }
}
