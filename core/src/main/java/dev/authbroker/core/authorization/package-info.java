/** Authorization states: single-use, expiring, bound to browser, tenant, app, host and picker origin. */
package dev.authbroker.core.authorization;
