package dev.scheduling.app.privacy;

import java.util.function.Supplier;

/**
 * What is being (de)serialized on this thread: the record's type (an event, snapshot or saga class) and, when
 * writing, the user whose key seals its personal data. Set by {@link PersonalDataSerializer} around each call; the
 * user's key is looked up once per record, however many values it seals.
 */
final class PersonalDataScope {

    private static final ThreadLocal<PersonalDataScope> CURRENT = new ThreadLocal<>();

    private final String recordType;
    private final String subject;
    private final boolean mayCreateKey;
    private PersonalDataKeys.DataKey key;

    PersonalDataScope(String recordType, String subject, boolean mayCreateKey) {
        this.recordType = recordType;
        this.subject = subject;
        this.mayCreateKey = mayCreateKey;
    }

    /** A scope whose values are sealed under {@code key}, already looked up. */
    static PersonalDataScope sealingWith(String recordType, PersonalDataKeys.DataKey key) {
        PersonalDataScope scope = new PersonalDataScope(recordType, key.userId(), false);
        scope.key = key;
        return scope;
    }

    static PersonalDataScope current() {
        return CURRENT.get();
    }

    static <T> T within(PersonalDataScope scope, Supplier<T> work) {
        PersonalDataScope outer = CURRENT.get();
        CURRENT.set(scope);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    String recordType() {
        return recordType;
    }

    String subject() {
        return subject;
    }

    PersonalDataKeys.DataKey key(PersonalDataKeys keys) {
        if (key == null) {
            key = keys.forWriting(subject, mayCreateKey);
        }
        return key;
    }
}
