package dev.scheduling.app.privacy;

import dev.scheduling.domain.calendar.CommandMetadata;
import dev.scheduling.domain.calendar.PersonalDataErased;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;

import java.time.Instant;

/**
 * Destroys a user's data keys when their calendar records {@code PersonalDataErased}, and records the erasure: in a
 * subscribing processor, so in the unit of work and transaction that append the event (an erasure is acknowledged
 * only with its key destroyed; a failure here fails the erasure). Every value sealed under the key, wherever it was
 * copied (events, snapshots, saga state, the read model and their backups), is unreadable from then on.
 */
@ProcessingGroup(PersonalDataShredder.NAME)
public class PersonalDataShredder {

    public static final String NAME = "personal-data-shredder";

    private final PersonalDataKeys keys;

    public PersonalDataShredder(PersonalDataKeys keys) {
        this.keys = keys;
    }

    @EventHandler
    void on(PersonalDataErased event, @Timestamp Instant at,
            @MetaDataValue(CommandMetadata.ACTOR) String actor) {
        keys.destroy(event.userId().value(), actor == null ? "unknown" : actor, at);
    }
}
