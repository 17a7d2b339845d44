package dev.scheduling.app.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import dev.scheduling.domain.calendar.PersonalData;

import java.io.IOException;

/**
 * Makes the storage mapper seal every {@link PersonalData} string it writes and open every one it reads, with the
 * property's name as the field of the associated data.
 */
public final class PersonalDataModule extends SimpleModule {

    private final transient PersonalDataCipher cipher;

    public PersonalDataModule(PersonalDataCipher cipher) {
        super("personal-data");
        this.cipher = cipher;
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.insertAnnotationIntrospector(new NopAnnotationIntrospector() {
            @Override
            public Object findSerializer(Annotated member) {
                return member.hasAnnotation(PersonalData.class) ? new Sealing(cipher, null) : null;
            }

            @Override
            public Object findDeserializer(Annotated member) {
                return member.hasAnnotation(PersonalData.class) ? new Opening(cipher, null) : null;
            }
        });
    }

    private static final class Sealing extends JsonSerializer<String> implements ContextualSerializer {

        private final PersonalDataCipher cipher;
        private final String field;

        Sealing(PersonalDataCipher cipher, String field) {
            this.cipher = cipher;
            this.field = field;
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property) {
            return new Sealing(cipher, property == null ? null : property.getName());
        }

        @Override
        public void serialize(String value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeTree(cipher.seal(value, field, PersonalDataScope.current()));
        }
    }

    private static final class Opening extends JsonDeserializer<String> implements ContextualDeserializer {

        private final PersonalDataCipher cipher;
        private final String field;

        Opening(PersonalDataCipher cipher, String field) {
            this.cipher = cipher;
            this.field = field;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            return new Opening(cipher, property == null ? null : property.getName());
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                return parser.getText(); // written before personal data was encrypted
            }
            JsonNode sealed = parser.readValueAsTree();
            if (!PersonalDataCipher.isSealed(sealed)) {
                return context.reportInputMismatch(String.class, "%s is neither text nor a sealed value", field);
            }
            PersonalDataScope scope = PersonalDataScope.current();
            if (scope == null) {
                throw new IllegalStateException("personal data (" + field + ") read outside a stored record");
            }
            return cipher.open(sealed, field, scope.recordType());
        }
    }
}
