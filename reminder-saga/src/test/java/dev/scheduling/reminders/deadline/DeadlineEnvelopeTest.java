package dev.scheduling.reminders.deadline;

import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlineEnvelopeTest {

    record Due(String reminderId, int attempt) {
    }

    private static final Instant TRIGGER_AT = Instant.parse("2026-12-02T12:00:00Z");

    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final SagaScopeDescriptor scope = new SagaScopeDescriptor("AppointmentReminderSaga", "saga-1");
    private final DeadlineMessage<Due> message = new GenericDeadlineMessage<>("reminderDue",
            new GenericMessage<>("message-1", new Due("r-1", 2), MetaData.with("actor", "reminders")), () -> TRIGGER_AT);

    @Test
    void what_is_written_reads_back_as_the_same_deadline() {
        String text = DeadlineEnvelope.write("reminderDue", "deadline-1", scope, message, serializer);

        DeadlineEnvelope read = DeadlineEnvelope.read(text, serializer);

        assertThat(read.deadlineId()).isEqualTo("deadline-1");
        assertThat(read.scope()).isEqualTo(scope);
        assertThat(read.message().getDeadlineName()).isEqualTo("reminderDue");
        assertThat(read.message().getIdentifier()).isEqualTo("message-1");
        assertThat(read.message().getTimestamp()).isEqualTo(TRIGGER_AT);
        assertThat(read.message().getPayload()).isEqualTo(new Due("r-1", 2));
        assertThat(read.message().getMetaData()).hasSize(1).containsEntry("actor", "reminders");
    }

    @Test
    void the_envelope_is_plain_json_that_names_the_deadline_and_its_time() {
        String text = DeadlineEnvelope.write("reminderDue", "deadline-1", scope, message, serializer);

        assertThat(text).contains("\"deadlineName\":\"reminderDue\"", "\"deadlineId\":\"deadline-1\"",
                "\"triggerAt\":\"2026-12-02T12:00:00Z\"");
    }

    @Test
    void anything_else_is_refused_as_not_a_deadline() {
        assertThatThrownBy(() -> DeadlineEnvelope.read("not json", serializer))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Not a deadline");
        assertThatThrownBy(() -> DeadlineEnvelope.read("{\"deadlineName\":\"reminderDue\"}", serializer))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Not a deadline: no deadlineId");
    }

    @Test
    void an_envelope_matches_its_name_and_scope_without_reading_the_payload() {
        String text = DeadlineEnvelope.write("reminderDue", "deadline-1", scope, message, serializer);
        String serializedScope = serializer.serialize(scope, String.class).getData();

        assertThat(DeadlineEnvelope.matches(text, "reminderDue", serializedScope)).isTrue();
        assertThat(DeadlineEnvelope.matches(text, "reminderDue", null)).isTrue();
        assertThat(DeadlineEnvelope.matches(text, "otherDeadline", serializedScope)).isFalse();
        assertThat(DeadlineEnvelope.matches(text, "reminderDue",
                serializer.serialize(new SagaScopeDescriptor("AppointmentReminderSaga", "saga-2"), String.class)
                          .getData())).isFalse();
        assertThat(DeadlineEnvelope.matches("not json", "reminderDue", null)).isFalse();
    }
}
