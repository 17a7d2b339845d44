package dev.scheduling.app;

import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Api.Response;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.CognitoOnMoto;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.MotoServer;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

import java.time.Duration;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cognito end to end, on moto: a user pool, its groups and users made through the Cognito API, tokens from
 * InitiateAuth (RS256, moto's JWKS at /{poolId}/.well-known/jwks.json), the service in jwt mode trusting that pool.
 */
class CognitoOnMotoIT {

    private static final String PASSWORD = "Correct-Horse-9";

    private static CognitoOnMoto cognito;
    private static RunningService service;
    private static EventStoreReader eventStore;
    private static String patientSub;
    private static AuthenticationResultType patient;
    private static AuthenticationResultType desk;

    @BeforeAll
    static void start() {
        cognito = CognitoOnMoto.create(MotoServer.shared(), "scheduling-cognito-it");
        patientSub = cognito.createUser("pat@clinic.example", PASSWORD);
        cognito.createUser("desk@clinic.example", PASSWORD, "front-desk");
        patient = cognito.signIn("pat@clinic.example", PASSWORD);
        desk = cognito.signIn("desk@clinic.example", PASSWORD);
        String database = TestPostgres.newDatabase();
        service = RunningService.onDatabase(database, cognito.serviceSettings());
        eventStore = new EventStoreReader(database);
    }

    @AfterAll
    static void stop() {
        service.close();
        cognito.close();
    }

    private static Api with(String token) {
        return service.api().withToken(token);
    }

    @Test
    void a_person_signed_in_through_cognito_books_on_their_own_calendar_and_is_the_actor() {
        Response booked = with(patient.accessToken()).post("/users/" + patientSub + "/appointments")
                                                     .json(Bookings.at(day(60), Duration.ofHours(1)).json()).send();

        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        var metadata = eventStore.events(patientSub).get(0).metadata();
        assertThat(metadata.path("actor").asText()).isEqualTo(patientSub);
        assertThat(metadata.path("clientId").asText()).isEqualTo(cognito.clientId());
    }

    @Test
    void a_member_of_the_front_desk_group_books_on_any_calendar() {
        Response booked = with(desk.accessToken()).post("/users/walk-in-42/appointments")
                                                  .json(Bookings.at(day(61), Duration.ofHours(1)).json()).send();
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
    }

    @Test
    void a_person_without_a_group_is_refused_on_another_calendar() {
        Response refused = with(patient.accessToken()).get("/users/walk-in-42/appointments").send();
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problemCode()).isEqualTo("forbidden");
    }

    @Test
    void an_id_token_is_refused_where_an_access_token_is_due() {
        Response refused = with(patient.idToken()).get("/users/" + patientSub + "/appointments").send();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.problemCode()).isEqualTo("unauthenticated");
    }
}
