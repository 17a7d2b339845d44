package dev.scheduling.app.readmodel;

import dev.scheduling.app.privacy.PersonalDataCipher;
import dev.scheduling.projections.appointments.PersonalFields;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The read model's titles and locations sealed under their users' data keys, like every other copy the service keeps:
 * an erasure destroys the key, and with it whatever DynamoDB still holds of them (freed pages, backups).
 */
final class SealedPersonalFields implements PersonalFields {

    /** The record type bound into each value's associated data: a value copied elsewhere does not open. */
    static final String RECORD_TYPE = "read-model:appointment";
    private static final String TITLE = "title";
    private static final String LOCATION = "location";

    private static final String SEALERS = SealedPersonalFields.class.getName() + ".sealers";

    private final PersonalDataCipher cipher;

    SealedPersonalFields(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public Texts seal(List<String> userIds, Texts plain) {
        if (plain.title() == null && plain.location() == null) {
            return plain;
        }
        return sealerOf(userIds).map(sealer -> new Texts(sealer.seal(TITLE, plain.title()),
                sealer.seal(LOCATION, plain.location()))).orElse(Texts.NONE);
    }

    /**
     * The users' sealer, looked up once per batch of events (a processor catching up handles many bookings of one
     * calendar in a batch), or once per call outside one.
     */
    private Optional<PersonalDataCipher.TextSealer> sealerOf(List<String> userIds) {
        if (!CurrentUnitOfWork.isStarted()) {
            return cipher.textSealer(userIds, RECORD_TYPE);
        }
        Map<List<String>, Optional<PersonalDataCipher.TextSealer>> sealers = CurrentUnitOfWork.get().root()
                .getOrComputeResource(SEALERS, key -> new HashMap<>());
        return sealers.computeIfAbsent(userIds, users -> cipher.textSealer(users, RECORD_TYPE));
    }

    @Override
    public Texts open(Texts sealed) {
        return new Texts(cipher.openText(sealed.title(), TITLE, RECORD_TYPE),
                cipher.openText(sealed.location(), LOCATION, RECORD_TYPE));
    }
}
