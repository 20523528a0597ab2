package dev.authbroker.persistence;

import java.util.Objects;

/** Where the database is. {@link #toString()} leaves the password out. */
public record DatabaseSettings(String url, String user, String password, int maxConnections) {

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("authbroker.db.url must be an H2 or PostgreSQL JDBC URL");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
    }

    public String driverClass() {
        return url.startsWith("jdbc:h2:") ? "org.h2.Driver" : "org.postgresql.Driver";
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + "]";
    }
}
