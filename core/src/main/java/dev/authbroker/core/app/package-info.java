/** Provider apps: a tenant's own OAuth client at a provider (Custom Auth), with its secret sealed at rest. */
package dev.authbroker.core.app;
