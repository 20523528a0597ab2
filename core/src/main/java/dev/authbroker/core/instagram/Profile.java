package dev.authbroker.core.instagram;

/**
 * The Instagram account behind a token, as {@code /me?fields=id,user_id,username} tells it.
 *
 * @param appScopedId {@code /me}'s {@code id}: the account's id for this app only (the code exchange's {@code user_id}
 *                    too); a different number for each app
 * @param accountId {@code /me}'s {@code user_id}: the professional account id, the same for every app ({@code 1784…})
 * @param username the account's user name
 */
public record Profile(String appScopedId, String accountId, String username) {
}
