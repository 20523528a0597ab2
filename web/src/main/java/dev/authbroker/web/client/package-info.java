/** {@code /api/client/instagram/*}: the sign-in popup, the picker API and (in time) Meta's callbacks. */
package dev.authbroker.web.client;
