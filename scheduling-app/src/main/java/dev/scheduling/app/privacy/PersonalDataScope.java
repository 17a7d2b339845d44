package dev.scheduling.app.privacy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What is being (de)serialized on this thread: the record's type (an event, snapshot or saga class) and, when
 * writing, the users whose keys together seal its personal data. Set by {@link PersonalDataSerializer} around each
 * record, and narrowed by {@link PersonalDataModule} around a value inside it that names its own users (an
 * appointment's details in a calendar's snapshot). Each user's key is looked up once per record, however many values
 * it seals.
 */
final class PersonalDataScope {

    private static final ThreadLocal<PersonalDataScope> CURRENT = new ThreadLocal<>();

    private final String recordType;
    private final List<String> subjects;
    private final boolean mayCreateKey;
    /** The keys looked up for this record so far, by user: shared by the scopes of the values inside it. */
    private final Map<String, PersonalDataKeys.DataKey> keys;

    PersonalDataScope(String recordType, List<String> subjects, boolean mayCreateKey) {
        this(recordType, subjects, mayCreateKey, new HashMap<>());
    }

    private PersonalDataScope(String recordType, List<String> subjects, boolean mayCreateKey,
                              Map<String, PersonalDataKeys.DataKey> keys) {
        this.recordType = recordType;
        this.subjects = subjects == null ? List.of() : subjects.stream().distinct().sorted().toList();
        this.mayCreateKey = mayCreateKey;
        this.keys = keys;
    }

    /** A scope whose values are sealed under {@code keys}, already looked up. */
    static PersonalDataScope sealingWith(String recordType, List<PersonalDataKeys.DataKey> keys) {
        Map<String, PersonalDataKeys.DataKey> byUser = new HashMap<>();
        keys.forEach(key -> byUser.put(key.userId(), key));
        return new PersonalDataScope(recordType, keys.stream().map(PersonalDataKeys.DataKey::userId).toList(), false,
                byUser);
    }

    /** This record's scope for a value inside it that belongs to {@code users}; this one if it names none. */
    PersonalDataScope narrowedTo(List<String> users) {
        if (users == null || users.isEmpty()) {
            return this;
        }
        return new PersonalDataScope(recordType, users, mayCreateKey, keys);
    }

    static PersonalDataScope current() {
        return CURRENT.get();
    }

    static <T> T within(PersonalDataScope scope, Supplier<T> work) {
        PersonalDataScope outer = enter(scope);
        try {
            return work.get();
        } finally {
            leave(outer);
        }
    }

    /** Makes {@code scope} current; answers the one to give back to {@link #leave}. */
    static PersonalDataScope enter(PersonalDataScope scope) {
        PersonalDataScope outer = CURRENT.get();
        CURRENT.set(scope);
        return outer;
    }

    static void leave(PersonalDataScope outer) {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }

    String recordType() {
        return recordType;
    }

    List<String> subjects() {
        return subjects;
    }

    /** The keys of this scope's users, in the order of their ids (the order a joint key is made in). */
    List<PersonalDataKeys.DataKey> keys(PersonalDataKeys lookUp) {
        return subjects.stream().map(user -> keys.computeIfAbsent(user, u -> lookUp.forWriting(u, mayCreateKey)))
                       .toList();
    }
}
