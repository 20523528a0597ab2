package dev.authbroker.core.instagram;

import java.util.List;

/** A page of media, newest first, and the cursor of the next page (null on the last one). */
public record MediaPage(List<Media> items, String nextCursor) {
}
