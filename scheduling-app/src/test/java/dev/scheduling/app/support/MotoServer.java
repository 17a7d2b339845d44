package dev.scheduling.app.support;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** moto_server (SNS, SQS, Scheduler and more, emulated) on a free port of 127.0.0.1; close() stops it. */
public final class MotoServer implements AutoCloseable {

    private static MotoServer shared;

    private final Process process;
    private final int port;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** One moto for every test in this JVM; tests keep apart by the names of what they create. */
    public static synchronized MotoServer shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public static MotoServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto-", ".log");
        Process process = new ProcessBuilder(List.of("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited: " + Files.readString(log));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new MotoServer(process, port);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto_server did not listen on port " + port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public SnsClient sns() {
        return SnsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials()).build();
    }

    public SqsClient sqs() {
        return SqsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials()).build();
    }

    /** An SNS topic and the SQS queue subscribed to it, where a test reads what was published. */
    public record TopicWithQueue(String topicArn, String queueUrl) {
    }

    /** A new topic with an SQS queue subscribed to it. */
    public TopicWithQueue topicWithQueue(String name) {
        String topicArn = sns().createTopic(r -> r.name(name)).topicArn();
        String queueUrl = sqs().createQueue(r -> r.queueName(name + "-subscriber")).queueUrl();
        String queueArn = sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                               .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns().subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        return new TopicWithQueue(topicArn, queueUrl);
    }

    /** Settings that make the service publish reminders to {@code topicArn} through {@code endpoint}. */
    public static String[] snsSettings(String topicArn, URI endpoint) {
        return new String[]{"scheduling.reminders.publisher=sns", "scheduling.reminders.sns-topic-arn=" + topicArn,
                "scheduling.reminders.sns-endpoint=" + endpoint, "scheduling.aws.access-key-id=test",
                "scheduling.aws.secret-access-key=test"};
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
