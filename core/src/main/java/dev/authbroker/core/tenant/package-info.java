/** Tenants: the customer apps of the platform, their API keys, admin secrets and allowed picker origins. */
package dev.authbroker.core.tenant;
