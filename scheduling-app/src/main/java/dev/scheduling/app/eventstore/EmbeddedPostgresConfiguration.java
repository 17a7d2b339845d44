package dev.scheduling.app.eventstore;

import dev.scheduling.app.OwnerOnly;
import dev.scheduling.app.SchedulingProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Without {@code spring.datasource.url} the service runs its own PostgreSQL, with its data in
 * {@code scheduling.data-dir}/postgres, so that one command starts everything and a restart keeps every calendar.
 * It listens on loopback and takes connections with a password of its own only ({@link EmbeddedPostgresPassword}):
 * another user of the machine reads neither the events nor the keys stored beside them. Only where embedded
 * PostgreSQL is on the class path: the production artifact (scheduling-service) leaves it out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres")
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(SchedulingProperties properties, EmbeddedPostgresPassword password)
            throws IOException {
        Path directory = properties.dataDir().resolve("postgres").toAbsolutePath().normalize();
        OwnerOnly.directory(directory.getParent());
        OrphanedPostgres.stopIfAny(directory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                                                    .setDataDirectory(directory)
                                                    .setCleanDataDirectory(false)
                                                    .setPort(properties.embeddedPostgresPort())
                                                    .setPGStartupWait(Duration.ofSeconds(60))
                                                    .setConnectConfig("password", password.value())
                                                    .setServerConfig("listen_addresses", "127.0.0.1")
                                                    // the library's default is off, for tests: a commit we
                                                    // acknowledge must be on disk
                                                    .setServerConfig("synchronous_commit", "on")
                                                    .setServerConfig("fsync", "on")
                                                    .start();
        password.require(postgres, directory);
        log.info("Embedded PostgreSQL on port {} with its data in {} (user postgres, password in {})", postgres.getPort(),
                directory, password.file());
        return postgres;
    }

    @Bean
    EmbeddedPostgresPassword embeddedPostgresPassword(SchedulingProperties properties) {
        return EmbeddedPostgresPassword.loadOrCreate(properties.dataDir().toAbsolutePath().normalize()
                                                               .resolve("postgres-password"));
    }

    @Bean
    ConnectionPools.DataSourceConnection embeddedConnection(EmbeddedPostgres postgres, EmbeddedPostgresPassword password) {
        return new ConnectionPools.DataSourceConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres",
                password.value());
    }
}
