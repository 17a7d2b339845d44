package dev.scheduling.app.privacy;

import dev.scheduling.domain.calendar.HoldsPersonalData;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;

/**
 * Axon's serializer for everything it stores (events, snapshots, sagas, deadlines), around a JSON serializer whose
 * mapper carries the {@link PersonalDataModule}: tells the module which record it is writing or reading and whose
 * personal data is in it. Only a new event may make a user's first key after an erasure
 * ({@link PersonalDataKeys#forWriting}).
 */
public final class PersonalDataSerializer implements Serializer {

    private final Serializer delegate;

    public PersonalDataSerializer(Serializer delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (!(object instanceof HoldsPersonalData holder)) {
            return delegate.serialize(object, expectedRepresentation);
        }
        var scope = new PersonalDataScope(object.getClass().getName(), holder.dataSubjects(), holder.mayCreateKeys());
        return PersonalDataScope.within(scope, () -> delegate.serialize(object, expectedRepresentation));
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        var scope = new PersonalDataScope(serializedObject.getType().getName(), null, false);
        return PersonalDataScope.within(scope, () -> delegate.deserialize(serializedObject));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
