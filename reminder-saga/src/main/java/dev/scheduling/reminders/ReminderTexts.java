package dev.scheduling.reminders;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a reminder says to a person: a short subject and a readable text, in the appointment's time zone. */
public final class ReminderTexts {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm (zzz)", Locale.ENGLISH);
    private static final int MAX_SUBJECT = 99;

    private ReminderTexts() {
    }

    public static ZonedDateTime localStart(Reminder reminder) {
        return reminder.start().atZone(reminder.timeZone());
    }

    /** One line, printable ASCII only and under 100 characters, as SNS requires of a subject. */
    public static String subject(Reminder reminder) {
        String title = reminder.title() == null ? "Your appointment" : reminder.title();
        String subject = "Reminder: " + title + ", " + WHEN.format(localStart(reminder));
        subject = subject.replaceAll("[^\\x20-\\x7E]", "?");
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 3) + "...";
    }

    public static String text(Reminder reminder) {
        StringBuilder text = new StringBuilder("Reminder: ")
                .append(reminder.title() == null ? "you have an appointment" : reminder.title())
                .append(" on ").append(WHEN.format(localStart(reminder)));
        if (reminder.location() != null) {
            text.append(" at ").append(reminder.location());
        }
        return text.append('.').toString();
    }

    /** The reminder as data, for systems: SQS, Lambda, HTTP subscribers. */
    public static Map<String, Object> document(Reminder reminder) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("eventType", "AppointmentReminder");
        document.put("reminderId", reminder.reminderId());
        document.put("userId", reminder.userId());
        document.put("appointmentId", reminder.appointmentId());
        document.put("reminderOffset", reminder.offset().toString());
        document.put("dueAt", reminder.dueAt().toString());
        document.put("start", reminder.start().toString());
        document.put("end", reminder.end().toString());
        document.put("localStart", localStart(reminder).toOffsetDateTime().toString());
        document.put("timeZone", reminder.timeZone().getId());
        document.put("title", reminder.title());
        document.put("location", reminder.location());
        document.put("text", text(reminder));
        return document;
    }
}
