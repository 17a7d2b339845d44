package dev.scheduling.app.observability;

import org.slf4j.MDC;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every log line of a request or a handler carries (the log context, SLF4J's MDC), besides the request id and
 * the trace and span ids: who acts and on which calendar or appointment. Ids only: never a title, location, reason
 * or token. In the aws profile each one is a field of the line's JSON document.
 */
public final class LogContext {

    public static final String ACTOR = "actor";
    public static final String CALENDAR_ID = "calendarId";
    public static final String APPOINTMENT_ID = "appointmentId";
    /** The correlation id of an event's request, under the name the request's own lines use. */
    public static final String REQUEST_ID = "requestId";

    private static final Pattern CALENDAR_PATH = Pattern.compile("^/users/([^/]+)");
    private static final Pattern APPOINTMENT_PATH = Pattern.compile("^/(?:appointments|holds)/([^/]+)");

    private LogContext() {
    }

    /** The calendar or appointment a request's path names, put in the log context. */
    public static void putPathIds(String path) {
        Matcher calendar = CALENDAR_PATH.matcher(path);
        if (calendar.find()) {
            MDC.put(CALENDAR_ID, calendar.group(1));
        }
        Matcher appointment = APPOINTMENT_PATH.matcher(path);
        if (appointment.find()) {
            MDC.put(APPOINTMENT_ID, appointment.group(1));
        }
    }

    /** The log context as it was, for {@link #restore}. */
    public static Map<String, String> save() {
        return MDC.getCopyOfContextMap();
    }

    public static void restore(Map<String, String> saved) {
        if (saved == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(saved);
        }
    }

    public static void putIfPresent(String key, Object value) {
        if (value != null) {
            MDC.put(key, value.toString());
        }
    }
}
