package dev.scheduling.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import org.springframework.http.ProblemDetail;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Refuses request bodies over the limit with 413 before anything parses them, whether they declare their length or
 * arrive chunked, and bodies that do not arrive within {@code maxReadTime} with 408. Bodies within the limit are read
 * once and handed on from memory.
 * <p>
 * Runs after Spring Security: an unauthenticated, forbidden or rate-limited request is answered before a byte of its
 * body is read ({@link UnreadBodyValve} then closes the connection instead of draining it). Each read waits at most
 * Tomcat's connection timeout; {@code maxReadTime} bounds the whole body, however slowly it trickles in.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private static final int CHUNK = 4096;
    static final long LINGER_BYTES = 1024 * 1024;
    static final Duration LINGER_TIME = Duration.ofSeconds(2);

    private final int maxBytes;
    private final Duration maxReadTime;
    private final ObjectMapper objectMapper;

    public RequestBodyLimitFilter(int maxBytes, Duration maxReadTime, ObjectMapper objectMapper) {
        this.maxBytes = maxBytes;
        this.maxReadTime = maxReadTime;
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            rejectTooLarge(request, response);
            return;
        }
        byte[] body;
        try {
            body = read(request.getInputStream());
        } catch (BodyTooSlowException e) {
            reject(response, Problems.of(Problems.REQUEST_TIMEOUT, "The request body did not arrive within "
                    + maxReadTime.toSeconds() + " s"));
            return;
        }
        if (body.length > maxBytes) {
            rejectTooLarge(request, response);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    /** Up to {@code maxBytes + 1} bytes (one more tells the body is too large), within {@code maxReadTime}. */
    private byte[] read(InputStream in) throws IOException {
        long deadline = System.nanoTime() + maxReadTime.toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[CHUNK];
        int read;
        try {
            while (body.size() <= maxBytes
                    && (read = in.read(chunk, 0, Math.min(chunk.length, maxBytes + 1 - body.size()))) >= 0) {
                body.write(chunk, 0, read);
                if (System.nanoTime() - deadline > 0) {
                    throw new BodyTooSlowException();
                }
            }
        } catch (SocketTimeoutException e) {
            throw new BodyTooSlowException();
        } catch (IOException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                throw new BodyTooSlowException();
            }
            throw e;
        }
        return body.toByteArray();
    }

    /** The answer ends the exchange: the rest of the body is not read ({@link UnreadBodyValve}). */
    private void reject(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setHeader("Connection", "close");
        Problems.write(response, objectMapper, problem);
    }

    /**
     * 413, sent at once, then a lingering close: what the client is still sending is read and dropped for a moment
     * (at most {@link #LINGER_BYTES} bytes, {@link #LINGER_TIME}) before the connection closes. Closed with its body
     * unread, the connection would be reset while the client still sends, and a reset can destroy the 413 before the
     * client reads it. Only authenticated callers get this far (the filter runs after Spring Security).
     */
    private void rejectTooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        reject(response, Problems.of(Problems.PAYLOAD_TOO_LARGE, "Request bodies are limited to " + maxBytes + " bytes"));
        response.flushBuffer();
        long deadline = System.nanoTime() + LINGER_TIME.toNanos();
        long dropped = 0;
        byte[] chunk = new byte[CHUNK];
        try {
            InputStream in = request.getInputStream();
            int read;
            while (dropped < LINGER_BYTES && System.nanoTime() - deadline < 0 && (read = in.read(chunk)) >= 0) {
                dropped += read;
            }
        } catch (IOException | IllegalStateException gone) {
            // the client stopped sending or went away: nothing more to wait for
        }
    }

    private static final class BodyTooSlowException extends IOException {
    }

    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }

                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            var charset = encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
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
