package dev.authbroker.core.instagram;

/** The Instagram account behind a token. */
public record Profile(String userId, String username) {
}
