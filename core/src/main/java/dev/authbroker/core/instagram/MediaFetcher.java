package dev.authbroker.core.instagram;

import dev.authbroker.core.error.BrokerException;
import dev.authbroker.core.error.ErrorCode;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Fetches media bytes from Instagram's CDN without becoming an SSRF proxy: a URL is fetched only when its host ends
 * with one of the allowed suffixes and its scheme is https (http only for hosts explicitly allowed so, such as the
 * simulator); at most {@code maxRedirects} redirects are followed, each checked the same way before it is
 * connected to; the size is capped and every read has a timeout. URLs come from the Graph API, never from clients.
 */
public final class MediaFetcher {

    /** What may be fetched, and how long and how much. */
    public record Policy(List<String> hostSuffixes, List<String> insecureHostSuffixes, long maxBytes,
                         Duration connectTimeout, Duration readTimeout, int maxRedirects) {
        public Policy {
            hostSuffixes = hostSuffixes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
            insecureHostSuffixes = insecureHostSuffixes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
        }
    }

    /** An open media file: its type, its length (-1 when the CDN did not say) and its bytes, capped. */
    public record MediaStream(String contentType, long length, InputStream body) implements Closeable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    private final Policy policy;

    public MediaFetcher(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Throws {@code media_unavailable} for a URL this policy refuses; nothing is fetched then. */
    public void check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw unavailable("the media URL is not valid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getRawUserInfo() != null) {
            throw unavailable("the media URL has no usable host");
        }
        boolean https = scheme.equals("https");
        boolean http = scheme.equals("http") && matches(host, policy.insecureHostSuffixes());
        if (!(https || http) || !matches(host, policy.hostSuffixes())) {
            throw unavailable("the media is not on an allowed Instagram host");
        }
    }

    private static boolean matches(String host, List<String> suffixes) {
        for (String suffix : suffixes) {
            if (host.equals(suffix) || host.endsWith("." + suffix)) {
                return true;
            }
        }
        return false;
    }

    public MediaStream open(String url) {
        String current = url;
        for (int hop = 0; hop <= policy.maxRedirects(); hop++) {
            check(current);
            HttpURLConnection connection = null;
            try {
                connection = (HttpURLConnection) URI.create(current).toURL().openConnection(Proxy.NO_PROXY);
                connection.setInstanceFollowRedirects(false);
                connection.setConnectTimeout((int) policy.connectTimeout().toMillis());
                connection.setReadTimeout((int) policy.readTimeout().toMillis());
                connection.setRequestProperty("Accept", "image/*, video/*");
                int status = connection.getResponseCode();
                if (status >= 300 && status < 400) {
                    String location = connection.getHeaderField("Location");
                    connection.disconnect();
                    if (location == null) {
                        throw unavailable("the media host redirected nowhere");
                    }
                    current = URI.create(current).resolve(location).toString();
                    continue;
                }
                if (status != 200) {
                    connection.disconnect();
                    throw unavailable("the media host answered HTTP " + status);
                }
                long length = connection.getContentLengthLong();
                if (length > policy.maxBytes()) {
                    connection.disconnect();
                    throw unavailable("the media file is larger than " + policy.maxBytes() + " bytes");
                }
                return new MediaStream(contentType(connection.getContentType()), length,
                        new CappedStream(connection.getInputStream(), policy.maxBytes(), connection));
            } catch (IOException | IllegalArgumentException e) {
                if (connection != null) {
                    connection.disconnect();
                }
                throw unavailable("the media host could not be read");
            }
        }
        throw unavailable("the media host redirected more than " + policy.maxRedirects() + " times");
    }

    private static String contentType(String type) {
        if (type == null) {
            return "application/octet-stream";
        }
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.startsWith("image/") || lower.startsWith("video/") ? type : "application/octet-stream";
    }

    private static BrokerException unavailable(String message) {
        return new BrokerException(ErrorCode.MEDIA_UNAVAILABLE, message);
    }

    /** Fails the read that would pass the cap, whatever the CDN declared. */
    private static final class CappedStream extends FilterInputStream {
        private final long cap;
        private final HttpURLConnection connection;
        private long read;

        CappedStream(InputStream in, long cap, HttpURLConnection connection) {
            super(in);
            this.cap = cap;
            this.connection = connection;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > cap) {
                throw new IOException("media larger than the configured cap");
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                connection.disconnect();
            }
        }
    }
}
