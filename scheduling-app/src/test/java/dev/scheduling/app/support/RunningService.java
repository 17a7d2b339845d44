package dev.scheduling.app.support;

import dev.scheduling.app.SchedulingApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The real service, started in this JVM on a free port of 127.0.0.1; close() stops it. */
public final class RunningService implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Api api;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.api = new Api("http://127.0.0.1:" + port);
    }

    /**
     * A service on the given database and the shared DynamoDB Local server, with a read model table of that
     * database's own (so that two services on one database share it), and any extra settings ({@code key=value}).
     */
    public static RunningService onDatabase(String jdbcUrl, String... settings) {
        return onDatabase(jdbcUrl, DynamoDbServer.shared(), readModelTable(jdbcUrl), settings);
    }

    /** The read model table of the services on a database: {@code appointments-<database name>}. */
    public static String readModelTable(String jdbcUrl) {
        String path = URI.create(jdbcUrl.substring("jdbc:".length())).getPath();
        return "appointments-" + path.substring(path.lastIndexOf('/') + 1);
    }

    /** A service on the given database and DynamoDB server. */
    public static RunningService onDatabase(String jdbcUrl, DynamoDbServer dynamoDb, String table, String... settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", "postgres");
        properties.put("scheduling.data-dir", temporaryDataDir());
        for (String setting : dynamoDb.settings(table)) {
            int split = setting.indexOf('=');
            properties.put(setting.substring(0, split), setting.substring(split + 1));
        }
        return start(properties, settings);
    }

    /** A service on the given database, everything else from {@code settings} (for AWS on moto, say). */
    public static RunningService onDatabaseWith(String jdbcUrl, String... settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", "postgres");
        properties.put("scheduling.data-dir", temporaryDataDir());
        return start(properties, settings);
    }

    /** A service with its embedded defaults: its own PostgreSQL with data in {@code dataDir}. */
    public static RunningService withEmbeddedDefaults(String dataDir, String... settings) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("scheduling.data-dir", dataDir);
        // no address: local mode's own default (loopback) is what is tested
        properties.put("server.address", null);
        return start(properties, settings);
    }

    private static String temporaryDataDir() {
        try {
            Path dir = Files.createTempDirectory("scheduling-test-");
            dir.toFile().deleteOnExit();
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunningService start(Map<String, Object> properties, String... settings) {
        if (!properties.containsKey("server.address")) {
            properties.put("server.address", "127.0.0.1");
        }
        properties.put("server.port", "0");
        properties.put("spring.main.banner-mode", "off");
        TestSettings.DEFAULTS.forEach(properties::put);
        for (String setting : settings) {
            int split = setting.indexOf('=');
            properties.put(setting.substring(0, split), setting.substring(split + 1));
        }
        // as command-line arguments: they take precedence over application.yml, default properties do not
        String[] arguments = properties.entrySet().stream().filter(e -> e.getValue() != null)
                                       .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        var context = new SpringApplicationBuilder(SchedulingApplication.class).run(arguments);
        return new RunningService(context);
    }

    public Api api() {
        return api;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
