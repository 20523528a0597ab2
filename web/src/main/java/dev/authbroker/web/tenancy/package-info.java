/** Host → tenant resolution: the platform host by API key, verified custom domains by host. */
package dev.authbroker.web.tenancy;
