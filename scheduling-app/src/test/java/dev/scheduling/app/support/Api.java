package dev.scheduling.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A small HTTP client for the service's API: {@code api.post(path).json(body).header(k, v).send()}. Every call
 * carries a bearer token: by default a staff token ({@link #STAFF}, all roles) that the service in local mode issues
 * through {@code POST /local/tokens}, fetched on first use; {@link #as} calls as someone else, {@link #withToken} with
 * a token made elsewhere, {@link #anonymous} with none.
 */
public final class Api {

    /** The subject of the default token: a member of staff holding every role. */
    public static final String STAFF = "test-staff";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Supplier<String> token;

    /** A service at {@code baseUrl} started elsewhere (a container, say): call it {@link #withToken} a token of its issuer. */
    public static Api at(String baseUrl) {
        return new Api(baseUrl, () -> null);
    }

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
        this.token = memoized(() -> localToken(STAFF, "front-desk", "auditor", "admin"));
    }

    private Api(String baseUrl, Supplier<String> token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The same service, called with a local token of {@code subject} holding {@code roles}. */
    public Api as(String subject, String... roles) {
        return new Api(baseUrl, memoized(() -> localToken(subject, roles)));
    }

    /** The same service, called with {@code token} (a JWT made by the test, say). */
    public Api withToken(String token) {
        return new Api(baseUrl, () -> token);
    }

    /** The same service, called without any token. */
    public Api anonymous() {
        return new Api(baseUrl, () -> null);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The token this client sends, fetching it first if need be. */
    public String token() {
        return token.get();
    }

    /** Asks the service (local mode) for a token, as the README shows. */
    public String localToken(String subject, String... roles) {
        String body = "{\"subject\":\"" + subject + "\",\"roles\":" + JSON.valueToTree(List.of(roles)) + ",\"ttl\":\"PT12H\"}";
        Response response = anonymous().post("/local/tokens").json(body).send();
        if (response.status() != 200) {
            throw new IllegalStateException("no local token for " + subject + ": " + response.status() + " " + response.body());
        }
        return response.json().path("access_token").asText();
    }

    private static Supplier<String> memoized(Supplier<String> supplier) {
        return new Supplier<>() {
            private volatile String value;

            @Override
            public String get() {
                if (value == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = supplier.get();
                        }
                    }
                }
                return value;
            }
        };
    }

    /** {@code user}'s calendar, called with this client's token. */
    public CalendarClient calendar(String user) {
        return new CalendarClient(this, user);
    }

    public Call post(String path) {
        return new Call("POST", path);
    }

    public Call delete(String path) {
        return new Call("DELETE", path);
    }

    public Call get(String path) {
        return new Call("GET", path);
    }

    public Call call(String method, String path) {
        return new Call(method, path);
    }

    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body = new byte[0];

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call json(String json) {
            return body("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        public Call body(String contentType, byte[] bytes) {
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            body = bytes;
            return this;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        @Override
        public String toString() {
            return baseUrl + path;
        }

        public Response send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                                                     .timeout(Duration.ofSeconds(30))
                                                     .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            if (!headers.keySet().stream().anyMatch("Authorization"::equalsIgnoreCase)) {
                String bearer = token.get();
                if (bearer != null) {
                    request.header("Authorization", "Bearer " + bearer);
                }
            }
            headers.forEach(request::header);
            try {
                HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response.headers().map(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** The problem's stable code, taken from its type. */
        public String problemCode() {
            String type = json().path("type").asText();
            return type.substring(type.lastIndexOf(':') + 1);
        }
    }
}
