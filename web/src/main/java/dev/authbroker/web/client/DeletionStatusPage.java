package dev.authbroker.web.client;

import dev.authbroker.core.deletion.DeletionRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The public, human-readable status page of a Data Deletion request. Shows no personal data. */
final class DeletionStatusPage {

    private DeletionStatusPage() {
    }

    static Response of(DeletionRequest request) {
        String status = request.isCompleted()
                ? "Completed: the data this app held about your Instagram account has been deleted."
                : "Received: the deletion is in progress.";
        return page(200, "<h1>Data deletion request</h1>"
                + "<p id=\"status\">" + PopupPages.escape(status) + "</p>"
                + "<dl><dt>Confirmation code</dt><dd><code>" + PopupPages.escape(request.confirmationCode()) + "</code></dd>"
                + "<dt>Received</dt><dd>" + request.receivedAt() + "</dd>"
                + (request.isCompleted() ? "<dt>Completed</dt><dd>" + request.completedAt() + "</dd>" : "")
                + "</dl>");
    }

    static Response notFound() {
        return page(404, "<h1>Data deletion request</h1><p>No deletion request has this confirmation code.</p>");
    }

    private static Response page(int status, String body) {
        String html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Data deletion request</title>"
                + "</head><body>" + body + "</body></html>\n";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(html)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
                .build();
    }
}
