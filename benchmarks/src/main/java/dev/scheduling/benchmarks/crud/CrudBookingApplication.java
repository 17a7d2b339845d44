package dev.scheduling.benchmarks.crud;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Baseline B10: what a team would write instead of an event-sourced core. A plain Spring MVC + JDBC booking
 * endpoint whose non-overlap rule is a PostgreSQL exclusion constraint; no events, no reminders, no read model, no
 * authentication. Run by the benchmark suite in a JVM of its own, on the suite's PostgreSQL.
 */
@SpringBootApplication
public class CrudBookingApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrudBookingApplication.class, args);
    }

    /** The table: one row per appointment; two booked rows of one user may not overlap. */
    @Bean
    ApplicationRunner schema(JdbcTemplate jdbc) {
        return arguments -> {
            jdbc.execute("CREATE EXTENSION IF NOT EXISTS btree_gist");
            jdbc.execute("""
                    CREATE TABLE IF NOT EXISTS crud_appointment (
                        id         UUID        PRIMARY KEY,
                        user_id    VARCHAR(64) NOT NULL,
                        start_at   TIMESTAMPTZ NOT NULL,
                        end_at     TIMESTAMPTZ NOT NULL,
                        title      VARCHAR(200),
                        location   VARCHAR(200),
                        time_zone  VARCHAR(64) NOT NULL,
                        status     VARCHAR(16) NOT NULL,
                        created_at TIMESTAMPTZ NOT NULL,
                        CONSTRAINT crud_appointment_no_overlap EXCLUDE USING gist
                            (user_id WITH =, tstzrange(start_at, end_at) WITH &&) WHERE (status = 'BOOKED'))""");
        };
    }
}
