package dev.scheduling.app.privacy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import dev.scheduling.domain.calendar.HoldsPersonalData;
import dev.scheduling.domain.calendar.PersonalData;

import java.io.IOException;

/**
 * Makes the storage mapper seal every {@link PersonalData} string it writes and open every one it reads, with the
 * property's name as the field of the associated data. A value inside a record that names its own users
 * ({@link HoldsPersonalData}, such as an appointment's details in a calendar's snapshot) seals its personal data under
 * their keys rather than the record's.
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
        context.addBeanSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
                                                      JsonSerializer<?> serializer) {
                return HoldsPersonalData.class.isAssignableFrom(description.getBeanClass())
                        ? new OwnUsers(serializer) : serializer;
            }
        });
    }

    /** Writes a {@link HoldsPersonalData} value inside a record in the scope of the users it names. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final class OwnUsers extends JsonSerializer<Object> implements ContextualSerializer, ResolvableSerializer {

        private final JsonSerializer<Object> delegate;

        OwnUsers(JsonSerializer<?> delegate) {
            this.delegate = (JsonSerializer<Object>) delegate;
        }

        @Override
        public void resolve(SerializerProvider provider) throws JsonMappingException {
            if (delegate instanceof ResolvableSerializer resolvable) {
                resolvable.resolve(provider);
            }
        }

        @Override
        public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
                throws JsonMappingException {
            JsonSerializer<?> contextual = delegate instanceof ContextualSerializer contextualizing
                    ? contextualizing.createContextual(provider, property) : delegate;
            return contextual == delegate ? this : new OwnUsers(contextual);
        }

        @Override
        public Class<Object> handledType() {
            return (Class) delegate.handledType();
        }

        @Override
        public boolean isEmpty(SerializerProvider provider, Object value) {
            return delegate.isEmpty(provider, value);
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            PersonalDataScope outer = narrow(value);
            try {
                delegate.serialize(value, generator, provider);
            } finally {
                PersonalDataScope.leave(outer);
            }
        }

        @Override
        public void serializeWithType(Object value, JsonGenerator generator, SerializerProvider provider,
                                      TypeSerializer types) throws IOException {
            PersonalDataScope outer = narrow(value);
            try {
                delegate.serializeWithType(value, generator, provider, types);
            } finally {
                PersonalDataScope.leave(outer);
            }
        }

        /** Enters the value's users' scope inside the current record (outside one there is nothing to narrow). */
        private static PersonalDataScope narrow(Object value) {
            PersonalDataScope current = PersonalDataScope.current();
            PersonalDataScope scope = current == null ? null
                    : current.narrowedTo(((HoldsPersonalData) value).dataSubjects());
            return PersonalDataScope.enter(scope);
        }
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
