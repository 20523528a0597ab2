/** Connections (an Instagram account linked through one app, with its sealed token) and picker sessions. */
package dev.authbroker.core.connection;
