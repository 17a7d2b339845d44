package dev.scheduling.app.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.Bookings;
import dev.scheduling.app.support.DynamoDbServer;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import dev.scheduling.projections.appointments.AppointmentTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/** Requests and background work (processors, deadlines) never wait for each other's database connections. */
class ConnectionPoolsIT {

    private static String database;
    private static RunningService service;
    private static Api api;
    private static AppointmentTable readModel;

    @BeforeAll
    static void start() {
        database = TestPostgres.newDatabase();
        // a connection that cannot be had fails fast, so a request routed to the wrong pool fails the test
        service = RunningService.onDatabase(database, "spring.datasource.hikari.connection-timeout=2000");
        api = service.api();
        readModel = new AppointmentTable(DynamoDbEnhancedClient.builder().dynamoDbClient(DynamoDbServer.shared().client())
                                                               .build(), RunningService.readModelTable(database));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void a_booking_is_taken_while_background_work_holds_every_connection_of_its_pool() throws SQLException {
        List<Connection> held = takeAll(service.bean("backgroundConnections", HikariDataSource.class));
        try {
            assertThat(book("pools-1", 9).status()).isEqualTo(201);
            assertThat(book("pools-1", 11).status()).isEqualTo(201);
        } finally {
            closeAll(held);
        }
    }

    @Test
    void processors_and_deadlines_keep_up_while_requests_hold_every_connection_of_theirs() throws SQLException {
        Api.Response booked = book("pools-2", 9);
        assertThat(booked.status()).isEqualTo(201);
        String id = booked.json().path("id").asText();

        List<Connection> held = takeAll(service.bean("requestConnections", HikariDataSource.class));
        try {
            // the projection and the reminder saga claim and update their tokens in PostgreSQL, the saga stores
            // itself and its deadlines there; neither check below takes a connection of the service's
            Eventually.await("the booking in the read model", Duration.ofSeconds(30),
                    () -> readModel.get("pools-2", id).isPresent());
            Eventually.await("the booking's reminder saga", Duration.ofSeconds(30), () -> sagasOf("pools-2/" + id) == 1);
        } finally {
            closeAll(held);
        }
    }

    private static Api.Response book(String user, int hour) {
        return api.calendar(user).book(Bookings.at(day(4).plus(Duration.ofHours(hour)), Duration.ofHours(1)));
    }

    /** The sagas associated with the appointment on one calendar ({@code userId/appointmentId}). */
    private static int sagasOf(String calendarAppointment) {
        try (Connection connection = DriverManager.getConnection(database, "postgres", "");
             PreparedStatement count = connection.prepareStatement(
                     "SELECT count(*) FROM associationvalueentry WHERE associationvalue = ?")) {
            count.setString(1, calendarAppointment);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Connection> takeAll(HikariDataSource pool) throws SQLException {
        List<Connection> held = new ArrayList<>();
        for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
            held.add(pool.getConnection());
        }
        assertThat(pool.getHikariPoolMXBean().getIdleConnections()).isZero();
        return held;
    }

    private static void closeAll(List<Connection> held) throws SQLException {
        for (Connection connection : held) {
            connection.close();
        }
    }
}
