package dev.authbroker.simulator;

import java.util.List;

/**
 * The HTML of the authorization dialog: a self-contained page (no scripts, styles or images from elsewhere) that a
 * browser-driving test can operate: pick a test user by its radio ({@code #user-<id>}) and press {@code #allow} or
 * {@code #cancel}.
 */
final class ConsentPage {

    private ConsentPage() {
    }

    static String render(String clientId, String redirectUri, String scope, String state, List<Users.User> users) {
        StringBuilder choices = new StringBuilder();
        for (int i = 0; i < users.size(); i++) {
            Users.User user = users.get(i);
            String id = Http.escapeHtml("user-" + user.id());
            choices.append("<div><input type=\"radio\" name=\"user_id\" id=\"").append(id)
                    .append("\" value=\"").append(Http.escapeHtml(user.id())).append('"')
                    .append(i == 0 ? " checked" : "").append("> <label for=\"").append(id).append("\">@")
                    .append(Http.escapeHtml(user.username())).append("</label></div>\n");
        }
        if (users.isEmpty()) {
            choices.append("<p id=\"no-users\">No test users are registered.</p>\n");
        }
        String body = "<h1>Instagram</h1>\n"
                + "<p id=\"prompt\">App " + Http.escapeHtml(clientId) + " wants to access your Instagram profile and"
                + " media.</p>\n"
                + "<form method=\"POST\" action=\"/oauth/authorize\">\n"
                + "<fieldset><legend>Continue as</legend>\n" + choices + "</fieldset>\n"
                + hidden("client_id", clientId) + hidden("redirect_uri", redirectUri)
                + hidden("scope", scope) + hidden("state", state)
                + "<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\">Allow</button>\n"
                + "<button type=\"submit\" name=\"decision\" value=\"cancel\" id=\"cancel\">Cancel</button>\n"
                + "</form>\n";
        return page("Allow access? · Instagram", body);
    }

    /** Instagram shows an error page, and does not redirect, when it cannot trust the client or the redirect URI. */
    static String error(String message) {
        return page("Error · Instagram", "<h1>Sorry, this page isn't available.</h1>\n<p id=\"error\">"
                + Http.escapeHtml(message) + "</p>\n");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + Http.escapeHtml(title)
                + "</title></head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + Http.escapeHtml(value) + "\">\n";
    }
}
