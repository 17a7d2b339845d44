package dev.scheduling.app;

import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded default's own issuer: {@code POST /local/tokens}, as the README shows it, and its key on disk. */
class LocalModeIT {

    private static String database;
    private static Path dataDir;
    private static RunningService service;
    private static EventStoreReader eventStore;
    private static Api anonymous;

    @BeforeAll
    static void start() throws Exception {
        database = TestPostgres.newDatabase();
        dataDir = Files.createTempDirectory("scheduling-local-mode-");
        service = RunningService.onDatabase(database, "scheduling.data-dir=" + dataDir);
        eventStore = new EventStoreReader(database);
        anonymous = service.api().anonymous();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_local_token_is_an_oauth2_token_response_and_books() {
        Response issued = anonymous.post("/local/tokens")
                                   .json("{\"subject\":\"lena\",\"roles\":[\"front-desk\"],\"ttl\":\"PT10M\"}").send();

        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(issued.json().path("expires_in").asLong()).isEqualTo(600);
        assertThat(issued.header("Cache-Control")).contains("no-store");
        String token = issued.json().path("access_token").asText();
        Response booked = anonymous.withToken(token).post("/users/someone/appointments")
                                   .json(Bookings.at(day(50), Duration.ofHours(1)).json()).send();
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        assertThat(eventStore.events("someone").get(0).metadata().path("actor").asText()).isEqualTo("lena");
    }

    @Test
    void the_signing_key_lives_in_the_data_directory_and_no_other_key_is_trusted() {
        String token = service.api().as("lena").token();
        assertThat(dataDir.resolve("local-issuer")).isDirectoryContaining(path -> path.toString().endsWith(".json"));

        try (RunningService sameDirectory = RunningService.onDatabase(database, "scheduling.data-dir=" + dataDir);
             RunningService otherDirectory = RunningService.onDatabase(database)) {
            assertThat(sameDirectory.api().withToken(token).calendar("lena").list().status()).isEqualTo(200);
            assertThat(otherDirectory.api().withToken(token).calendar("lena").list().status()).isEqualTo(401);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no subject                |{\"roles\":[]}                                       |subject",
            "a subject that is no id   |{\"subject\":\"a b\"}                                |subject",
            "a role that is not ours   |{\"subject\":\"lena\",\"roles\":[\"root\"]}          |roles",
            "a lifetime over a day     |{\"subject\":\"lena\",\"ttl\":\"P2D\"}               |ttl",
            "a lifetime of zero        |{\"subject\":\"lena\",\"ttl\":\"PT0S\"}              |ttl",
            "a negative lifetime       |{\"subject\":\"lena\",\"ttl\":\"-PT1H\"}             |ttl",
            "a lifetime that is no duration|{\"subject\":\"lena\",\"ttl\":\"soon\"}          |ttl"})
    void a_bad_token_request_gets_400_naming_the_field(String name, String body, String field) {
        Response response = anonymous.post("/local/tokens").json(body.trim()).send();

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.problemCode()).isEqualTo("invalid-request");
        assertThat(response.json().path("errors").findValuesAsText("field")).containsExactly(field);
    }

    @Test
    void the_api_docs_and_health_are_open_in_local_mode_and_nothing_else_is() {
        assertThat(anonymous.get("/v3/api-docs").send().status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health").send().status()).isEqualTo(200);
        Response refused = anonymous.calendar("lena").list();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(refused.problemCode()).isEqualTo("unauthenticated");
    }

    /** The token endpoint's body is read only after the caller is known to be local, and no more than 16 KiB of it. */
    @Test
    void a_token_request_body_is_limited() {
        Response refused = anonymous.post("/local/tokens")
                                    .json("{\"subject\":\"lena\",\"pad\":\"" + "x".repeat(20_000) + "\"}").send();

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.problemCode()).isEqualTo("payload-too-large");
    }

    /** Behind a proxy every caller would look local: local mode does not start where forwarded headers are honoured. */
    @Test
    void local_mode_refuses_to_start_where_forwarded_headers_are_honoured() {
        assertThatThrownBy(() -> RunningService.onDatabase(database, "server.forward-headers-strategy=native"))
                .hasStackTraceContaining("server.forward-headers-strategy=native honours forwarded headers");
        assertThatThrownBy(() -> RunningService.onDatabase(database, "spring.main.cloud-platform=kubernetes"))
                .hasStackTraceContaining("KUBERNETES");
    }

    /**
     * Where someone allowed it anyway, the token endpoint still looks at the connection's peer, never at what a
     * forwarding header claims: a caller on this machine claiming to be elsewhere still gets its token.
     */
    @Test
    void the_token_endpoint_reads_the_connections_peer_not_forwarding_headers() {
        try (RunningService forwarded = RunningService.onDatabase(database, "scheduling.data-dir=" + dataDir,
                "server.forward-headers-strategy=native", "scheduling.security.local.allow-beyond-this-machine=true")) {
            Response issued = forwarded.api().anonymous().post("/local/tokens")
                                       .header("X-Forwarded-For", "203.0.113.7").header("Forwarded", "for=203.0.113.7")
                                       .json("{\"subject\":\"lena\"}").send();

            assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        }
    }
}
