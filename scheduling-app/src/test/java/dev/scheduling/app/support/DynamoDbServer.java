package dev.scheduling.app.support;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB Local as a server on this machine, which a test can stop and start again on the same port and data to
 * take the read model away from the service and give it back.
 */
public final class DynamoDbServer implements AutoCloseable {

    private static DynamoDbServer shared;

    private final int port;
    private final Path dataDir;
    private DynamoDBProxyServer server;

    private DynamoDbServer(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    /** One in-memory server for every test in this JVM that does not need its own. */
    public static synchronized DynamoDbServer shared() {
        if (shared == null) {
            shared = new DynamoDbServer(freePort(), null);
            shared.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** A server of the caller's own, keeping its data in {@code dataDir} across stops. */
    public static DynamoDbServer onDisk(Path dataDir) {
        try {
            java.nio.file.Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DynamoDbServer server = new DynamoDbServer(freePort(), dataDir);
        server.start();
        return server;
    }

    public synchronized void start() {
        List<String> arguments = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        if (dataDir == null) {
            arguments.addAll(List.of("-inMemory", "-sharedDb"));
        } else {
            arguments.addAll(List.of("-dbPath", dataDir.toString(), "-sharedDb"));
        }
        try {
            server = ServerRunner.createServerFromCommandLineArgs(arguments.toArray(String[]::new));
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            server = null;
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * The settings that point the service at this server: appointments in {@code tableName}, calendars' rules in
     * {@code tableName-calendars}, so that services sharing this server never share a table.
     */
    public String[] settings(String tableName) {
        return new String[]{"scheduling.read-model.dynamodb-endpoint=" + endpoint(),
                "scheduling.read-model.table-name=" + tableName,
                "scheduling.read-model.calendars-table-name=" + tableName + "-calendars",
                "scheduling.aws.access-key-id=local", "scheduling.aws.secret-access-key=local"};
    }

    public DynamoDbClient client() {
        return DynamoDbClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                             .build();
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
