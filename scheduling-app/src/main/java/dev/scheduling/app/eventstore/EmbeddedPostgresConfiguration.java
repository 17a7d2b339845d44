package dev.scheduling.app.eventstore;

import dev.scheduling.app.SchedulingProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Without {@code spring.datasource.url} the service runs its own PostgreSQL, with its data in
 * {@code scheduling.data-dir}/postgres, so that one command starts everything and a restart keeps every calendar.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(SchedulingProperties properties) throws IOException {
        Path directory = properties.dataDir().resolve("postgres").toAbsolutePath().normalize();
        Files.createDirectories(directory.getParent());
        OrphanedPostgres.stopIfAny(directory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                                                    .setDataDirectory(directory)
                                                    .setCleanDataDirectory(false)
                                                    .setPort(properties.embeddedPostgresPort())
                                                    .setPGStartupWait(Duration.ofSeconds(60))
                                                    // the library's default is off, for tests: a commit we
                                                    // acknowledge must be on disk
                                                    .setServerConfig("synchronous_commit", "on")
                                                    .setServerConfig("fsync", "on")
                                                    .start();
        log.info("Embedded PostgreSQL on port {} with its data in {}", postgres.getPort(), directory);
        return postgres;
    }

    @Bean
    ConnectionPools.DataSourceConnection embeddedConnection(EmbeddedPostgres postgres) {
        return new ConnectionPools.DataSourceConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
    }
}
