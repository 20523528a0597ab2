/**
 * Persistence: the schema (Flyway migrations under {@code dev/authbroker/persistence/migration}, portable SQL for
 * H2 and PostgreSQL), the persistence unit built in code, and the JPA implementations of core's repositories.
 */
package dev.authbroker.persistence;
