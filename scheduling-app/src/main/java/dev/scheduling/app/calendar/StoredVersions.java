package dev.scheduling.app.calendar;

import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last sequence numbers in the event store of the calendars a visit's unit of work took together, read in one
 * look-up right after it took them: each cached calendar is brought up to date from them
 * ({@link CachingCalendarRepository}) without a look-up of its own, and needs no check of its outcome afterwards.
 */
final class StoredVersions {

    private static final String RESOURCE = StoredVersions.class.getName();

    private StoredVersions() {
    }

    /** Reads them, in the unit of work's transaction, for the calendars it has just taken. */
    static void read(UnitOfWork<?> unitOfWork, JdbcTemplate jdbc, List<String> calendarIds) {
        Map<String, Long> last = new HashMap<>();
        jdbc.query("SELECT aggregateidentifier, max(sequencenumber) FROM domainevententry "
                        + "WHERE aggregateidentifier = ANY(?) GROUP BY aggregateidentifier",
                row -> {
                    last.put(row.getString(1), row.getLong(2));
                },
                (Object) calendarIds.toArray(String[]::new));
        Map<String, Optional<Long>> versions = new HashMap<>();
        calendarIds.forEach(calendar -> versions.put(calendar, Optional.ofNullable(last.get(calendar))));
        unitOfWork.resources().put(RESOURCE, versions);
    }

    /** The calendar's last sequence number as read (empty inside: no event), if it was read for this unit of work. */
    static Optional<Optional<Long>> of(UnitOfWork<?> unitOfWork, String calendarId) {
        Map<String, Optional<Long>> versions = unitOfWork.getResource(RESOURCE);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(calendarId));
    }
}
