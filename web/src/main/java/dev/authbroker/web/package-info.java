/** The broker's WAR: JAX-RS resources under {@code /api}, health checks, and static pages. */
package dev.authbroker.web;
