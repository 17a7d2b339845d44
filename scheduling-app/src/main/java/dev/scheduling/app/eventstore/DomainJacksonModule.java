package dev.scheduling.app.eventstore;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.UserId;

import java.io.IOException;
import java.util.function.Function;

/** Typed ids are written as their plain value ({@code "alice"}, not {@code {"value":"alice"}}), also as map keys. */
public class DomainJacksonModule extends SimpleModule {

    public DomainJacksonModule() {
        super("scheduling-domain");
        addId(UserId.class, UserId::new);
        addId(AppointmentId.class, AppointmentId::fromString);
    }

    private <T> void addId(Class<T> type, Function<String, T> parse) {
        addSerializer(type, new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(value.toString());
            }
        });
        addDeserializer(type, new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return parse.apply(parser.getValueAsString());
            }
        });
        addKeyDeserializer(type, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) {
                return parse.apply(key);
            }
        });
    }
}
