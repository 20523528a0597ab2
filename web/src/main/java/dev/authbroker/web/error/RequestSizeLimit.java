package dev.authbroker.web.error;

import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.json.JsonTools;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * No request body over 64 KiB reaches the application, however it is framed. A declared {@code Content-Length} is
 * checked before anything reads the body (malformed or contradictory → 400, too large → 413); a body without one
 * (chunked) is read here, at most 64 KiB + 1 byte, and handed on from memory, so no later reader (form parameters
 * of the public Meta callbacks among them) can be made to buffer more.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestSizeLimit implements Filter {

    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final long DRAIN_LIMIT = 4L * 1024 * 1024;
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}");

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse out = (HttpServletResponse) response;
        List<String> lengths = Collections.list(http.getHeaders("Content-Length"));
        if (!lengths.isEmpty()) {
            String declared = lengths.get(0).trim();
            boolean consistent = lengths.stream().allMatch(value -> value.trim().equals(declared));
            if (!consistent || !DECIMAL.matcher(declared).matches()) {
                refuse(out, ErrorCode.INVALID_REQUEST, "the Content-Length header is malformed");
                return;
            }
            long length = Long.parseLong(declared);
            if (length > MAX_BODY_BYTES) {
                drain(http, Math.min(length, DRAIN_LIMIT));
                refuse(out, ErrorCode.PAYLOAD_TOO_LARGE, "the body exceeds 64 KiB");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (http.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = http.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            refuse(out, ErrorCode.INVALID_REQUEST, "the body could not be read");
            return;
        }
        if (body.length > MAX_BODY_BYTES) {
            drain(http, DRAIN_LIMIT);
            refuse(out, ErrorCode.PAYLOAD_TOO_LARGE, "the body exceeds 64 KiB");
            return;
        }
        chain.doFilter(new BufferedBody(http, body), response);
    }

    private static void refuse(HttpServletResponse response, ErrorCode code, String description) throws IOException {
        byte[] json = JsonTools.object().add("error", code.code()).add("error_description", description).build()
                .toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(code.httpStatus());
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        // The rest of the body is not read: the connection must not be reused for another request.
        response.setHeader("Connection", "close");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /**
     * Reads (and drops) a bounded amount of the refused body, so clients that finish sending before they read the
     * answer (java.net.http among them) see the 413 instead of a reset connection. Nothing of it is kept. A client
     * that asked {@code Expect: 100-continue} has sent nothing and waits for this answer: nothing to drain.
     */
    private static void drain(HttpServletRequest request, long limit) {
        String expect = request.getHeader("Expect");
        if (expect != null && expect.toLowerCase(java.util.Locale.ROOT).contains("100-continue")) {
            return;
        }
        byte[] buffer = new byte[8192];
        long left = limit;
        try {
            InputStream in = request.getInputStream();
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or the container refused the framing; the answer no longer depends on it
        }
    }

    /** The request with its (small) body already read into memory. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;
        private final ByteArrayInputStream in;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already in memory; read it synchronously");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws UnsupportedEncodingException {
            String encoding = getCharacterEncoding();
            try {
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                return new BufferedReader(new InputStreamReader(in, charset));
            } catch (IllegalArgumentException e) {
                throw new UnsupportedEncodingException("unsupported request encoding");
            }
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
