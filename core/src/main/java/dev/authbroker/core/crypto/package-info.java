/**
 * Secrets at rest: {@link dev.authbroker.core.crypto.SecretBox} (AES-256-GCM with key ids and row-bound
 * associated data) and {@link dev.authbroker.core.crypto.RandomToken} for bearer values stored only as hashes.
 */
package dev.authbroker.core.crypto;
