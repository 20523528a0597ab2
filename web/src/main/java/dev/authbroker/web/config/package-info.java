/** Runtime configuration (MicroProfile Config) and the start-up wiring of the database and the secret box. */
package dev.authbroker.web.config;
