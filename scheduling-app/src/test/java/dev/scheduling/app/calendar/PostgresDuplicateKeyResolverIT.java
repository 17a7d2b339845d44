package dev.scheduling.app.calendar;

import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The resolver against the errors PostgreSQL really raises on the event table Flyway created. */
class PostgresDuplicateKeyResolverIT {

    private static final String INSERT = "INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, "
            + "eventidentifier, payload, payloadtype, timestamp) VALUES ('alice', 0, 'UserCalendar', '%s', "
            + "'\\x7b7d', 'Booked', '2026-01-01T00:00:00Z')";

    private static String database;
    private static RunningService migrated;
    private final PostgresDuplicateKeyResolver resolver = new PostgresDuplicateKeyResolver();

    @BeforeAll
    static void migrate() {
        database = TestPostgres.newDatabase();
        migrated = RunningService.onDatabase(database);
    }

    @AfterAll
    static void stop() {
        migrated.close();
    }

    @Test
    void a_second_event_at_the_same_calendar_sequence_is_a_duplicate_key() throws SQLException {
        try (Connection connection = DriverManager.getConnection(database, "postgres", "")) {
            connection.createStatement().execute(INSERT.formatted("event-1"));
            SQLException lost = catchThrowableOfType(SQLException.class,
                    () -> connection.createStatement().execute(INSERT.formatted("event-2")));

            assertThat((Object) lost).as("the second insert at the same calendar sequence is refused").isNotNull();
            assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("wrapped", lost))).isTrue();
        }
    }

    @Test
    void other_failures_are_not_duplicate_keys() throws SQLException {
        try (Connection connection = DriverManager.getConnection(database, "postgres", "")) {
            SQLException notNull = catchThrowableOfType(SQLException.class, () -> connection.createStatement()
                    .execute("INSERT INTO domainevententry (aggregateidentifier) VALUES ('bob')"));

            assertThat((Object) notNull).as("an insert without its required columns is refused").isNotNull();
            assertThat(resolver.isDuplicateKeyViolation(notNull)).isFalse();
        }
    }
}
