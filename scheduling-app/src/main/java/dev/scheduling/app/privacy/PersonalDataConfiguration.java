package dev.scheduling.app.privacy;

import dev.scheduling.app.SchedulingProperties;
import dev.scheduling.domain.calendar.UserCalendar;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;

/** Crypto-shredding: the key-encryption key, the users' data keys and the cipher the storage serializer uses. */
@Configuration(proxyBeanMethods = false)
public class PersonalDataConfiguration {

    @Bean
    KeyEncryptionKey keyEncryptionKey(PersonalDataProperties properties, SchedulingProperties scheduling) {
        if (properties.keyEncryptionKey() != null && !properties.keyEncryptionKey().isBlank()) {
            return LocalKeyEncryptionKey.of(properties.keyEncryptionKey());
        }
        return LocalKeyEncryptionKey.loadOrCreate(properties.keyEncryptionKeyFile() != null
                ? properties.keyEncryptionKeyFile()
                : scheduling.dataDir().resolve("personal-data").resolve("key-encryption-key"));
    }

    @Bean
    PersonalDataKeys personalDataKeys(DataSource dataSource, KeyEncryptionKey keyEncryptionKey) {
        return new PersonalDataKeys(new JdbcTemplate(dataSource), keyEncryptionKey);
    }

    @Bean
    PersonalDataCipher personalDataCipher(PersonalDataKeys keys) {
        return new PersonalDataCipher(keys);
    }

    /** Axon finds its command handler; the calendar repository is looked up lazily, once Axon is configured. */
    @Bean
    PersonalDataEraser personalDataEraser(ObjectProvider<org.axonframework.config.Configuration> axon,
                                          PersonalDataKeys keys, DataSource dataSource, Clock clock) {
        return new PersonalDataEraser(() -> axon.getObject().repository(UserCalendar.class), keys,
                new JdbcTemplate(dataSource), clock);
    }
}
