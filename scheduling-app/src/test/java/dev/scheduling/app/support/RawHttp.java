package dev.scheduling.app.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP written by hand on a socket, for what no HTTP client sends: a Host header of the test's choosing, a body that
 * never arrives or trickles in, bytes that are not HTTP. {@link #open} leaves the request unfinished for the test to
 * go on with; {@link #answer} reads the status line, headers and body, and tells whether the server closed after.
 */
public final class RawHttp implements AutoCloseable {

    /** What the server answered; {@code closed} when it closed the connection after the answer. */
    public record Answer(int status, Map<String, String> headers, String body, boolean closed) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    /** A connection to the service at {@code baseUrl} with {@code head} (request line and headers, CRLF) sent. */
    public static RawHttp open(String baseUrl, String head) {
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), URI.create(baseUrl).getPort());
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            RawHttp http = new RawHttp(socket);
            http.send(head);
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a whole request and reads its answer. */
    public static Answer exchange(String baseUrl, String request) {
        try (RawHttp http = open(baseUrl, request)) {
            return http.answer();
        }
    }

    public void send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a write still goes through (false once the server closed the connection, a write or two later). */
    public boolean trySend(String text) {
        try {
            send(text);
            return true;
        } catch (UncheckedIOException closed) {
            return false;
        }
    }

    /** Reads the answer: status line, headers, a body of its Content-Length, and whether the server closed after. */
    public Answer answer() {
        try {
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            if (statusLine.isEmpty()) {
                throw new IllegalStateException("the server closed the connection without answering");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            String body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream chunks = new ByteArrayOutputStream();
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                    chunks.write(in.readNBytes(size));
                    line(in);
                }
                line(in);
                body = chunks.toString(StandardCharsets.UTF_8);
            } else {
                body = new String(in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0"))),
                        StandardCharsets.UTF_8);
            }
            boolean closed;
            socket.setSoTimeout(2_000);
            try {
                closed = in.read() == -1;
            } catch (SocketTimeoutException stillOpen) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, body, closed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed already
        }
    }
}
