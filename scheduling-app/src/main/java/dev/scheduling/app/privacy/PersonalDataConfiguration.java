package dev.scheduling.app.privacy;

import dev.scheduling.app.SchedulingProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.app.calendar.CalendarCommands;
import dev.scheduling.app.eventstore.EventStoreConfiguration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * Crypto-shredding: the key-encryption key, the users' data keys, the cipher, and the serializers of everything Axon
 * stores (events, snapshots, sagas, deadlines), which seal personal data with it.
 */
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
    PersonalDataKeys personalDataKeys(DataSource dataSource, KeyEncryptionKey keyEncryptionKey,
                                      PersonalDataProperties properties) {
        return new PersonalDataKeys(new JdbcTemplate(dataSource), keyEncryptionKey, properties.readKeyCacheTtl());
    }

    @Bean
    PersonalDataCipher personalDataCipher(PersonalDataKeys keys) {
        return new PersonalDataCipher(keys);
    }

    @Bean
    Erasures erasures(CalendarCommands commands) {
        return new Erasures(commands);
    }

    @Bean
    PersonalDataShredder personalDataShredder(PersonalDataKeys keys) {
        return new PersonalDataShredder(keys);
    }

    /** The shredder runs in the erasing command's own unit of work; its failure fails the erasure. */
    @Bean
    ConfigurerModule personalDataShredderProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(PersonalDataShredder.NAME)
                .registerListenerInvocationErrorHandler(PersonalDataShredder.NAME,
                        config -> PropagatingErrorHandler.instance()));
    }

    @Bean
    @Primary
    Serializer serializer(PersonalDataCipher personalData) {
        return jsonSerializer(personalData);
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(PersonalDataCipher personalData) {
        return jsonSerializer(personalData);
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(PersonalDataCipher personalData) {
        return jsonSerializer(personalData);
    }

    /** The storage JSON, in which every {@code @PersonalData} value is sealed under its user's key. */
    static Serializer jsonSerializer(PersonalDataCipher personalData) {
        ObjectMapper mapper = EventStoreConfiguration.storageObjectMapper().registerModule(new PersonalDataModule(personalData));
        return new PersonalDataSerializer(JacksonSerializer.builder().objectMapper(mapper).build());
    }
}
