/** Where errors become HTTP: stable codes, JSON bodies, no stack traces. */
package dev.authbroker.web.error;
