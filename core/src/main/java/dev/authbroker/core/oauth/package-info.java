/** The provider-neutral OAuth vocabulary: token grants, provider failures, redaction of credentials in logs. */
package dev.authbroker.core.oauth;
