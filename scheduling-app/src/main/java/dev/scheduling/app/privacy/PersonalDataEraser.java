package dev.scheduling.app.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scheduling.domain.calendar.AppointmentCancelled;
import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.CommandMetadata;
import dev.scheduling.domain.calendar.ErasePersonalData;
import dev.scheduling.domain.calendar.PersonalData;
import dev.scheduling.domain.calendar.UserCalendar;
import dev.scheduling.reminders.AppointmentReminderSaga;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Erases a user's personal data in one transaction: appends {@code PersonalDataErased} to the calendar, destroys
 * the user's keys and records the erasure, deletes the calendar's snapshots, and masks in place what was stored in
 * plain text before encryption (events and saga state: the one exception to an immutable log). What follows the
 * event happens where it is handled: the read model blanks the user's items, the reminder sagas end.
 */
public class PersonalDataEraser {

    /** The names of the fields marked {@link PersonalData}, as stored in JSON. */
    static final Set<String> PERSONAL_FIELDS = Stream.of(AppointmentDetails.class, AppointmentCancelled.class)
            .flatMap(type -> Arrays.stream(type.getRecordComponents()))
            .filter(component -> component.isAnnotationPresent(PersonalData.class))
            .map(java.lang.reflect.RecordComponent::getName)
            .collect(Collectors.toUnmodifiableSet());
    private static final String PLAIN_PERSONAL_VALUE = "\"(" + String.join("|", PERSONAL_FIELDS) + ")\":\"";

    private final Supplier<Repository<UserCalendar>> calendars;
    private final PersonalDataKeys keys;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public PersonalDataEraser(Supplier<Repository<UserCalendar>> calendars, PersonalDataKeys keys, JdbcTemplate jdbc,
                              Clock clock) {
        this.calendars = calendars;
        this.keys = keys;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What an erasure did: whether anything was left to erase. */
    public record Erasure(boolean erased) {
    }

    @CommandHandler
    public Erasure handle(ErasePersonalData command, MetaData metaData) {
        String userId = command.userId().value();
        boolean appended;
        try {
            appended = calendars.get().load(userId).invoke(calendar -> calendar.erase(command));
        } catch (AggregateNotFoundException noCalendar) {
            appended = false;
        }
        associateSagasWrittenBeforeErasure(userId);
        int masked = maskPlainText(userId);
        if (!appended && masked == 0 && keys.wasErased(userId) && !keys.hasLiveKey(userId)) {
            return new Erasure(false);
        }
        Object actor = metaData.get(CommandMetadata.ACTOR);
        keys.destroy(userId, actor == null ? "unknown" : actor.toString(), clock.instant());
        jdbc.update("DELETE FROM snapshotevententry WHERE aggregateidentifier = ?", userId);
        return new Erasure(true);
    }

    /**
     * Reminder sagas started before erasure existed are associated with their appointment only: they are given the
     * user association here, in the erasure's transaction, so that {@code PersonalDataErased} reaches and ends them.
     */
    private void associateSagasWrittenBeforeErasure(String userId) {
        jdbc.update("INSERT INTO associationvalueentry (associationkey, associationvalue, sagaid, sagatype) "
                + "SELECT ?, ?, s.sagaid, s.sagatype FROM sagaentry s "
                + "WHERE convert_from(s.serializedsaga, 'UTF8') LIKE ? AND NOT EXISTS (SELECT 1 FROM associationvalueentry a "
                + "WHERE a.sagaid = s.sagaid AND a.associationkey = ?)",
                AppointmentReminderSaga.USER_ASSOCIATION, userId, sagaOf(userId), AppointmentReminderSaga.USER_ASSOCIATION);
    }

    /** A LIKE pattern for the saga state of the user's appointments (the id's own {@code _} and {@code %} literal). */
    private static String sagaOf(String userId) {
        String literal = userId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%\"userId\":\"" + literal + "\"%";
    }

    /** Events and saga state written before encryption hold plain text: overwritten with nulls. */
    private int maskPlainText(String userId) {
        int masked = 0;
        for (Map<String, Object> row : jdbc.queryForList("SELECT eventidentifier, convert_from(payload, 'UTF8') AS payload "
                + "FROM domainevententry WHERE aggregateidentifier = ? AND convert_from(payload, 'UTF8') ~ ?",
                userId, PLAIN_PERSONAL_VALUE)) {
            masked += jdbc.update("UPDATE domainevententry SET payload = ? WHERE eventidentifier = ?",
                    masked((String) row.get("payload")), row.get("eventidentifier"));
        }
        for (Map<String, Object> row : jdbc.queryForList("SELECT sagaid, convert_from(serializedsaga, 'UTF8') AS saga "
                + "FROM sagaentry WHERE convert_from(serializedsaga, 'UTF8') LIKE ? "
                + "AND convert_from(serializedsaga, 'UTF8') ~ ?", sagaOf(userId), PLAIN_PERSONAL_VALUE)) {
            masked += jdbc.update("UPDATE sagaentry SET serializedsaga = ? WHERE sagaid = ?",
                    masked((String) row.get("saga")), row.get("sagaid"));
        }
        return masked;
    }

    private byte[] masked(String document) {
        try {
            JsonNode tree = json.readTree(document);
            mask(tree);
            return json.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (PERSONAL_FIELDS.contains(field.getKey()) && field.getValue().isTextual()) {
                    object.putNull(field.getKey());
                } else {
                    mask(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(PersonalDataEraser::mask);
        }
    }
}
