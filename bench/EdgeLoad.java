import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * Loads one tenant and N verified custom domains d000000.edge.bench … into the broker's database, with the TXT values
 * bench/edge publishes through dnsmasq. Run with H2 or the PostgreSQL driver on the class path:
 * java -cp h2.jar bench/EdgeLoad.java JDBC_URL USER N
 */
public class EdgeLoad {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[2]);
        try (Connection c = DriverManager.getConnection(args[0], args[1], "")) {
            c.setAutoCommit(false);
            long now = System.currentTimeMillis();
            try (PreparedStatement tenant = c.prepareStatement("INSERT INTO tenant (id, name, api_key, secret_hash, origins, "
                    + "status, created_at, updated_at) VALUES ('edge-bench', 'edge bench', 'pk_edge_bench', 'edge-bench-hash', "
                    + "'https://picker.edge.bench', 'ACTIVE', ?, ?)")) {
                tenant.setLong(1, now);
                tenant.setLong(2, now);
                tenant.executeUpdate();
            }
            try (PreparedStatement domain = c.prepareStatement("INSERT INTO custom_domain (hostname, tenant_id, status, "
                    + "txt_value, created_at, verified_at, checked_at) VALUES (?, 'edge-bench', 'VERIFIED', ?, ?, ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    domain.setString(1, String.format("d%06d.edge.bench", i));
                    domain.setString(2, "authbroker-verification=bench-" + i);
                    domain.setLong(3, now);
                    domain.setLong(4, now);
                    domain.setLong(5, now);
                    domain.addBatch();
                    if (i % 5000 == 4999) {
                        domain.executeBatch();
                    }
                }
                domain.executeBatch();
            }
            c.commit();
        }
    }
}
