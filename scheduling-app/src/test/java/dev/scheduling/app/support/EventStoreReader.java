package dev.scheduling.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the event store's tables with plain SQL, independently of Axon, to check what was really stored. */
public final class EventStoreReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String jdbcUrl;

    public EventStoreReader(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public record StoredEvent(String calendar, long sequence, String type, JsonNode payload, JsonNode metadata) {
    }

    public record Slot(String appointmentId, Instant start, Instant end) {
        boolean overlaps(Slot other) {
            return start.isBefore(other.end) && other.start.isBefore(end);
        }
    }

    public long eventCount() {
        return count("SELECT count(*) FROM domainevententry");
    }

    public long snapshotCount(String calendar) {
        return count("SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = '" + calendar.replace("'", "''") + "'");
    }

    public List<StoredEvent> events(String calendar) {
        return query("SELECT aggregateidentifier, sequencenumber, payloadtype, convert_from(payload, 'UTF8'), "
                + "convert_from(metadata, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber", calendar);
    }

    public List<String> calendars() {
        List<String> calendars = new ArrayList<>();
        try (Connection connection = connect();
             ResultSet rows = connection.createStatement()
                                        .executeQuery("SELECT DISTINCT aggregateidentifier FROM domainevententry")) {
            while (rows.next()) {
                calendars.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return calendars;
    }

    /** What the read model must hold for one appointment, according to the events alone. */
    public record ExpectedAppointment(String appointmentId, String userId, Instant start, Instant end, String status,
                                      long version) {
    }

    /**
     * Every appointment of every calendar, folded from all events in the store, by {@link #key} (one appointment of
     * several calendars is on each of them).
     */
    public Map<String, ExpectedAppointment> expectedReadModel() {
        Map<String, ExpectedAppointment> expected = new HashMap<>();
        for (StoredEvent event : query("SELECT aggregateidentifier, sequencenumber, payloadtype, "
                + "convert_from(payload, 'UTF8'), convert_from(metadata, 'UTF8') FROM domainevententry "
                + "WHERE ? = ? ORDER BY globalindex", "all")) {
            String id = event.payload().path("appointmentId").asText();
            String key = key(event.calendar(), id);
            ExpectedAppointment before = expected.get(key);
            switch (event.type().substring(event.type().lastIndexOf('.') + 1)) {
                case "AppointmentBooked" -> {
                    Slot slot = slot(id, event.payload().path("slot"));
                    expected.put(key, new ExpectedAppointment(id, event.calendar(), slot.start(), slot.end(), "BOOKED",
                            event.sequence()));
                }
                case "AppointmentRescheduled" -> {
                    Slot slot = slot(id, event.payload().path("newSlot"));
                    expected.put(key, new ExpectedAppointment(id, before.userId(), slot.start(), slot.end(),
                            before.status(), event.sequence()));
                }
                case "AppointmentCancelled" -> expected.put(key, new ExpectedAppointment(id, before.userId(),
                        before.start(), before.end(), "CANCELLED", event.sequence()));
                case "ReminderSent" -> expected.put(key, new ExpectedAppointment(id, before.userId(), before.start(),
                        before.end(), before.status(), event.sequence()));
                case "HoldPlaced", "HoldReleased" -> {
                    // a slot kept for a booking being made: not in the listings
                }
                default -> {
                    if (!isVisitEvent(event)) {
                        throw new IllegalStateException("unknown event " + event.type());
                    }
                }
            }
        }
        return expected;
    }

    /** The key of one calendar's appointment in {@link #expectedReadModel()}: {@code appointmentId/userId}. */
    public static String key(String userId, String appointmentId) {
        return appointmentId + "/" + userId;
    }

    /** The ids of the appointments the store holds, on whichever calendars. */
    public java.util.Set<String> appointmentIds() {
        return expectedReadModel().values().stream().map(ExpectedAppointment::appointmentId)
                                  .collect(java.util.stream.Collectors.toSet());
    }

    /**
     * The active appointments of a calendar and its holds live now, folded from its events: a hold stops counting
     * when it is confirmed or released, or once its {@code expiresAt} has passed (each calendar reads it so).
     */
    public Map<String, Slot> activeSlots(String calendar) {
        Map<String, Slot> active = new HashMap<>();
        Map<String, Instant> holdsExpireAt = new HashMap<>();
        for (StoredEvent event : events(calendar)) {
            String id = event.payload().path("appointmentId").asText();
            switch (event.type().substring(event.type().lastIndexOf('.') + 1)) {
                case "AppointmentBooked" -> {
                    holdsExpireAt.remove(id);
                    active.put(id, slot(id, event.payload().path("slot")));
                }
                case "AppointmentRescheduled" -> active.put(id, slot(id, event.payload().path("newSlot")));
                case "AppointmentCancelled" -> active.remove(id);
                case "HoldPlaced" -> {
                    active.put(id, slot(id, event.payload().path("slot")));
                    holdsExpireAt.put(id, Instant.parse(event.payload().path("expiresAt").asText()));
                }
                case "HoldReleased" -> {
                    holdsExpireAt.remove(id);
                    active.remove(id);
                }
                case "ReminderSent", "AvailabilityChanged" -> {
                    // no slot of its own
                }
                default -> throw new IllegalStateException("unknown event " + event.type());
            }
        }
        Instant now = Instant.now();
        holdsExpireAt.forEach((id, expiresAt) -> {
            if (!now.isBefore(expiresAt)) {
                active.remove(id);
            }
        });
        return active;
    }

    /** The holds of a calendar live now (placed, neither booked nor released, and not expired), with when they lapse. */
    public Map<String, Instant> liveHolds(String calendar) {
        Map<String, Instant> holds = new HashMap<>();
        for (StoredEvent event : events(calendar)) {
            String id = event.payload().path("appointmentId").asText();
            switch (event.type().substring(event.type().lastIndexOf('.') + 1)) {
                case "HoldPlaced" -> holds.put(id, Instant.parse(event.payload().path("expiresAt").asText()));
                case "HoldReleased", "AppointmentBooked" -> holds.remove(id);
                default -> {
                    // not a hold's
                }
            }
        }
        Instant now = Instant.now();
        holds.values().removeIf(expiresAt -> !now.isBefore(expiresAt));
        return holds;
    }

    /** A visit as its own events tell it: its calendars, slot and status (a hold past its expiry: EXPIRED). */
    public record Visit(String appointmentId, List<String> calendars, Slot slot, String status) {
    }

    /** The visit of that id as its own events end, or null when there is none. */
    public Visit visit(String appointmentId) {
        Visit visit = null;
        Instant expiresAt = null;
        for (StoredEvent event : events(appointmentId)) {
            JsonNode payload = event.payload();
            switch (event.type().substring(event.type().lastIndexOf('.') + 1)) {
                case "VisitBooked", "VisitHeld" -> {
                    List<String> calendars = new ArrayList<>();
                    payload.path("participants").forEach(p -> calendars.add(p.path("calendarId").asText()));
                    visit = new Visit(appointmentId, calendars, slot(appointmentId, payload.path("slot")),
                            event.type().endsWith("VisitBooked") ? "BOOKED" : "HELD");
                    expiresAt = payload.hasNonNull("expiresAt") ? Instant.parse(payload.path("expiresAt").asText()) : null;
                }
                case "HeldVisitBooked" -> visit = new Visit(appointmentId, visit.calendars(), visit.slot(), "BOOKED");
                case "VisitRescheduled" -> visit = new Visit(appointmentId, visit.calendars(),
                        slot(appointmentId, payload.path("newSlot")), visit.status());
                case "VisitHoldReleased" -> visit = new Visit(appointmentId, visit.calendars(), visit.slot(), "RELEASED");
                case "VisitCancelled" -> visit = new Visit(appointmentId, visit.calendars(), visit.slot(), "CANCELLED");
                default -> throw new IllegalStateException("unknown event of a visit " + event.type());
            }
        }
        if (visit != null && visit.status().equals("HELD") && !Instant.now().isBefore(expiresAt)) {
            return new Visit(appointmentId, visit.calendars(), visit.slot(), "EXPIRED");
        }
        return visit;
    }

    /** The status the visit's own events end in (HELD, BOOKED, CANCELLED, RELEASED, EXPIRED), or null. */
    public String visitStatus(String appointmentId) {
        Visit visit = visit(appointmentId);
        return visit == null ? null : visit.status();
    }

    /** Every visit ever booked or held, as it stands now. */
    public List<Visit> visits() {
        List<Visit> visits = new ArrayList<>();
        for (StoredEvent event : query("SELECT aggregateidentifier, sequencenumber, payloadtype, "
                + "convert_from(payload, 'UTF8'), convert_from(metadata, 'UTF8') FROM domainevententry "
                + "WHERE sequencenumber = 0 AND payloadtype LIKE ? ORDER BY globalindex", "dev.scheduling.domain.visit.%")) {
            visits.add(visit(event.calendar()));
        }
        return visits;
    }

    /** The ids of the appointments booked on one calendar alone (no participants), on any calendar. */
    public List<String> singleAppointmentIds() {
        List<String> ids = new ArrayList<>();
        for (StoredEvent event : query("SELECT aggregateidentifier, sequencenumber, payloadtype, "
                + "convert_from(payload, 'UTF8'), convert_from(metadata, 'UTF8') FROM domainevententry "
                + "WHERE payloadtype = ? ORDER BY globalindex", "dev.scheduling.domain.calendar.AppointmentBooked")) {
            if (event.payload().path("participants").isEmpty()) {
                ids.add(event.payload().path("appointmentId").asText());
            }
        }
        return ids;
    }

    /** How many transactions wrote the events of these streams (PostgreSQL's {@code xmin} of their rows). */
    public long transactionsWriting(List<String> aggregateIds) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT count(DISTINCT xmin::text) FROM domainevententry WHERE aggregateidentifier = ANY(?)")) {
            statement.setArray(1, connection.createArrayOf("varchar", aggregateIds.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isVisitEvent(StoredEvent event) {
        return event.type().startsWith("dev.scheduling.domain.visit.");
    }

    /** Every pair of active appointments on the calendar that overlap; empty when the invariant holds. */
    public List<String> overlaps(String calendar) {
        List<Slot> slots = new ArrayList<>(activeSlots(calendar).values());
        List<String> overlaps = new ArrayList<>();
        for (int a = 0; a < slots.size(); a++) {
            for (int b = a + 1; b < slots.size(); b++) {
                if (slots.get(a).overlaps(slots.get(b))) {
                    overlaps.add(slots.get(a) + " overlaps " + slots.get(b));
                }
            }
        }
        return overlaps;
    }

    private static Slot slot(String id, JsonNode slot) {
        return new Slot(id, Instant.parse(slot.path("start").asText()), Instant.parse(slot.path("end").asText()));
    }

    private List<StoredEvent> query(String sql, String parameter) {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 1; i <= statement.getParameterMetaData().getParameterCount(); i++) {
                statement.setString(i, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(new StoredEvent(rows.getString(1), rows.getLong(2), rows.getString(3),
                            JSON.readTree(rows.getString(4)), JSON.readTree(rows.getString(5))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    private long count(String sql) {
        try (Connection connection = connect(); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "");
    }
}
