package dev.scheduling.app.support;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector's OTLP/HTTP trace endpoint ({@code POST /v1/traces}, protobuf) on a free port of
 * 127.0.0.1, keeping every span it is sent, decoded with the protocol's own classes.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** A span as exported: ids in hex, its parent's (empty for a root), name, kind, attributes, linked traces. */
    public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                               String kind, Map<String, String> attributes, List<String> linkedTraceIds) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/traces", exchange -> {
                try (exchange) {
                    receiver.requests.add(exchange.getRequestHeaders().getFirst("Content-Type"));
                    InputStream body = exchange.getRequestBody();
                    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                        body = new GZIPInputStream(body);
                    }
                    receiver.receive(ExportTraceServiceRequest.parseFrom(body.readAllBytes()));
                    byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                }
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a service exports to: {@code management.otlp.tracing.endpoint}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** The Content-Type of every export received. */
    public List<String> contentTypes() {
        return List.copyOf(requests);
    }

    public List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** The trace's spans as an indented tree, children in the order they started. */
    public static String tree(List<ReceivedSpan> trace) {
        Map<String, List<ReceivedSpan>> children = new LinkedHashMap<>();
        trace.forEach(span -> children.computeIfAbsent(span.parentSpanId(), parent -> new ArrayList<>()).add(span));
        List<String> ids = trace.stream().map(ReceivedSpan::spanId).toList();
        StringBuilder tree = new StringBuilder();
        trace.stream().filter(span -> !ids.contains(span.parentSpanId()))
             .forEach(root -> print(root, children, 0, tree));
        return tree.toString();
    }

    private static void print(ReceivedSpan span, Map<String, List<ReceivedSpan>> children, int depth, StringBuilder tree) {
        tree.append("  ".repeat(depth)).append(span.name()).append(" [").append(span.kind()).append(", ")
            .append(span.service()).append("]\n");
        children.getOrDefault(span.spanId(), List.of()).forEach(child -> print(child, children, depth + 1, tree));
    }

    private void receive(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = attributes(resource.getResource().getAttributesList()).getOrDefault("service.name", "");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                scope.getSpansList().forEach(span -> spans.add(new ReceivedSpan(service,
                        hex(span.getTraceId().toByteArray()), hex(span.getSpanId().toByteArray()),
                        hex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind().name(),
                        attributes(span.getAttributesList()),
                        span.getLinksList().stream().map(link -> hex(link.getTraceId().toByteArray())).toList())));
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        return values.stream().collect(Collectors.toMap(KeyValue::getKey, value -> value.getValue().getStringValue(),
                (first, second) -> first, LinkedHashMap::new));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
