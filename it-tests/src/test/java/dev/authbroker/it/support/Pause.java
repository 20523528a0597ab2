package dev.authbroker.it.support;

/** A pause in a test's polling loop; an interrupt ends the test instead of being swallowed. */
public final class Pause {

    private Pause() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
