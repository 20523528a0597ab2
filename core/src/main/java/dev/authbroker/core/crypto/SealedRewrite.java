package dev.authbroker.core.crypto;

/**
 * One stored secret sealed anew with the active key, to be written only if the row still holds {@code expected}
 * (compare-and-set): a rewrap must never put back a value that a concurrent write replaced.
 *
 * @param rowId the row
 * @param expected the sealed value read
 * @param replacement the same secret sealed with the active key
 */
public record SealedRewrite(String rowId, String expected, String replacement) {

    @Override
    public String toString() {
        return "SealedRewrite[row=" + rowId + "]";
    }
}
