package dev.scheduling.reminders;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReminderTextsTest {

    private static final Instant START = Instant.parse("2026-12-02T13:00:00Z");

    private static Reminder reminder(String title, String location, String zone) {
        return new Reminder("r-1", "alice", "a-1", Duration.ofHours(1), START.minus(Duration.ofHours(1)), START,
                START.plus(Duration.ofMinutes(30)), title, location, ZoneId.of(zone));
    }

    @Test
    void the_text_gives_the_local_time_of_the_appointment_and_where_it_is() {
        assertThat(ReminderTexts.text(reminder("Dentist", "Room 4", "Europe/Amsterdam")))
                .isEqualTo("Reminder: Dentist on Wednesday 2 December 2026 at 14:00 (CET) at Room 4.");
    }

    @Test
    void an_appointment_without_title_or_location_still_reads_as_a_sentence() {
        assertThat(ReminderTexts.text(reminder(null, null, "UTC")))
                .isEqualTo("Reminder: you have an appointment on Wednesday 2 December 2026 at 13:00 (UTC).");
        assertThat(ReminderTexts.subject(reminder(null, null, "UTC")))
                .isEqualTo("Reminder: Your appointment, Wednesday 2 December 2026 at 13:00 (UTC)");
    }

    @Test
    void the_subject_is_printable_ascii_under_100_characters_as_sns_requires() {
        String subject = ReminderTexts.subject(reminder("Contrôle annuel chez le médecin généraliste, "
                + "cabinet du quartier, deuxième étage, porte de gauche", null, "Europe/Paris"));

        assertThat(subject).hasSizeLessThan(100).endsWith("...").matches("[\\x20-\\x7E]+");
        assertThat(subject).startsWith("Reminder: Contr?le annuel chez le m?decin");
    }

    @Test
    void the_document_carries_ids_times_in_utc_and_local_time_and_the_text() {
        Map<String, Object> document = ReminderTexts.document(reminder("Dentist", null, "Europe/Amsterdam"));

        assertThat(document).containsEntry("eventType", "AppointmentReminder")
                            .containsEntry("reminderId", "r-1")
                            .containsEntry("userId", "alice")
                            .containsEntry("appointmentId", "a-1")
                            .containsEntry("reminderOffset", "PT1H")
                            .containsEntry("dueAt", "2026-12-02T12:00:00Z")
                            .containsEntry("start", "2026-12-02T13:00:00Z")
                            .containsEntry("end", "2026-12-02T13:30:00Z")
                            .containsEntry("localStart", "2026-12-02T14:00+01:00")
                            .containsEntry("timeZone", "Europe/Amsterdam")
                            .containsEntry("title", "Dentist")
                            .containsEntry("location", null)
                            .containsEntry("text", ReminderTexts.text(reminder("Dentist", null, "Europe/Amsterdam")));
    }
}
