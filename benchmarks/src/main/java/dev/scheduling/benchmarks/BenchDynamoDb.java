package dev.scheduling.benchmarks;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URI;

/** DynamoDB Local as a server in the harness's JVM (in memory), which the service reaches over HTTP. */
final class BenchDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final int port;

    private BenchDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static BenchDynamoDb start() {
        int port = Ports.free();
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[]{
                    "-port", Integer.toString(port), "-inMemory", "-sharedDb", "-disableTelemetry"});
            server.start();
            return new BenchDynamoDb(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    DynamoDbClient client() {
        return DynamoDbClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                             .build();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
