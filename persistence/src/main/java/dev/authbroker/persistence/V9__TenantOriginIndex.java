package dev.authbroker.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * {@code tenant_origin}: each tenant's allowed origins one row each, keyed by origin, so a CORS preflight finds the
 * tenants allowing an origin by an index probe instead of {@code origins LIKE '%…%'} over every tenant. Filled from
 * the existing newline-separated column in Java: splitting strings has no SQL both H2 and PostgreSQL speak.
 */
public class V9__TenantOriginIndex extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE tenant_origin ("
                    + "tenant_id VARCHAR(36) NOT NULL, "
                    + "origin VARCHAR(2000) NOT NULL, "
                    + "CONSTRAINT pk_tenant_origin PRIMARY KEY (origin, tenant_id), "
                    + "CONSTRAINT fk_tenant_origin_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE)");
            ddl.execute("CREATE INDEX ix_tenant_origin_tenant ON tenant_origin (tenant_id)");
        }
        try (Statement read = connection.createStatement();
             ResultSet tenants = read.executeQuery("SELECT id, origins FROM tenant");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO tenant_origin (tenant_id, origin) VALUES (?, ?)")) {
            int pending = 0;
            while (tenants.next()) {
                Set<String> origins = new LinkedHashSet<>();
                for (String origin : tenants.getString(2).split("\n")) {
                    if (!origin.isBlank()) {
                        origins.add(origin);
                    }
                }
                for (String origin : origins) {
                    insert.setString(1, tenants.getString(1));
                    insert.setString(2, origin);
                    insert.addBatch();
                    if (++pending % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            insert.executeBatch();
        }
    }
}
