/** The broker's error vocabulary: {@link dev.authbroker.core.error.ErrorCode} and the exception that carries it. */
package dev.authbroker.core.error;
