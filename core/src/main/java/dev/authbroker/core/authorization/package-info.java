/** Authorization states: sealed, expiring, single-use, bound to browser, tenant, app, host and picker origin. */
package dev.authbroker.core.authorization;
