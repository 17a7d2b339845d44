package dev.scheduling.domain.calendar;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of random bookings, holds, confirmations, releases and cancellations on one calendar through Axon's
 * command bus, with time moving on so that holds lapse, each outcome compared with a naive oracle that checks every
 * pair; at the end the calendar rebuilt from its events holds exactly the oracle's appointments and holds. Seeded,
 * so a failure replays exactly.
 */
class HoldsRandomizedTest {

    private static final long SEED = 20261202L;
    private static final int COMMANDS = 3_000;
    private static final UserId CALENDAR = new UserId("room-4");
    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");

    private Configuration axon;
    private CommandGateway commands;

    @BeforeEach
    void startAxon() {
        axon = CalendarTestData.startedAxon(Duration.ofHours(24));
        commands = axon.commandGateway();
    }

    @AfterEach
    void stopAxon() {
        axon.shutdown();
    }

    /** The oracle's view of one busy entry: an appointment (no expiry) or a hold. */
    private static final class Busy {
        final AppointmentId id;
        final long start;
        final long end;
        final Long expiresAt;
        boolean active = true;

        Busy(AppointmentId id, long start, long end, Long expiresAt) {
            this.id = id;
            this.start = start;
            this.end = end;
            this.expiresAt = expiresAt;
        }

        boolean countsAt(long now) {
            return active && (expiresAt == null || now < expiresAt);
        }

        boolean overlaps(long otherStart, long otherEnd) {
            return start < otherEnd && otherStart < end;
        }
    }

    @Test
    void every_outcome_matches_the_all_pairs_oracle_and_the_calendar_ends_as_the_oracle_does() {
        Random random = new Random(SEED);
        Map<AppointmentId, Busy> appointments = new LinkedHashMap<>();
        Map<AppointmentId, Busy> holds = new LinkedHashMap<>();
        Map<String, Integer> outcomes = new HashMap<>();
        long now = 0;
        for (int i = 0; i < COMMANDS; i++) {
            // time moves on in steps of five minutes and holds last whole steps, so that commands often come at the
            // very minute a hold lapses
            now += 5L * random.nextInt(2);
            int kind = random.nextInt(10);
            String expected;
            String actual;
            if (kind < 6) {
                // a booking (kind 0-2) or a hold (3-5) on a new id, in a crowded few hours
                AppointmentId id = new AppointmentId(new UUID(SEED, i));
                long start = now + 1 + random.nextInt(480);
                long end = start + 5 + random.nextInt(60);
                Long expires = kind < 3 ? null : now + 5L * (1 + random.nextInt(4));
                Busy conflict = firstCounting(appointments, holds, start, end, now);
                long at = now;
                if (conflict == null && holds.values().stream().anyMatch(hold -> hold.expiresAt == at && hold.overlaps(start, end))) {
                    outcomes.merge("taken at the minute a hold in the way lapsed", 1, Integer::sum);
                }
                expected = conflict == null ? "ok" : "appointment-overlap";
                TimeSlot slot = new TimeSlot(minute(start), minute(end));
                actual = send(kind < 3
                        ? new BookAppointment(CALENDAR, id, slot, AppointmentDetails.untitled(), minute(now))
                        : new PlaceHold(CALENDAR, id, slot, minute(expires), minute(now), false));
                if (expected.equals("ok")) {
                    clearLapsed(holds, start, end, now);
                    (expires == null ? appointments : holds).put(id, new Busy(id, start, end, expires));
                }
            } else if (kind < 8 && !holds.isEmpty()) {
                // confirm a hold, live or lapsed, or one released or confirmed already
                Busy hold = any(random, holds);
                expected = hold.countsAt(now) ? "ok" : "hold-expired";
                actual = send(new ConfirmHold(CALENDAR, hold.id, AppointmentDetails.untitled(), minute(now)));
                if (expected.equals("ok")) {
                    holds.remove(hold.id);
                    appointments.put(hold.id, new Busy(hold.id, hold.start, hold.end, null));
                }
            } else if (kind == 8 && !holds.isEmpty()) {
                Busy hold = any(random, holds);
                expected = "ok";
                actual = send(new ReleaseHold(CALENDAR, hold.id));
                holds.remove(hold.id);
            } else if (!appointments.isEmpty()) {
                Busy appointment = any(random, appointments);
                expected = "ok";
                actual = send(new CancelAppointment(CALENDAR, appointment.id, "cancelled"));
                appointment.active = false;
            } else {
                continue;
            }
            assertThat(actual).as("command %d at minute %d", i, now).isEqualTo(expected);
            outcomes.merge(actual, 1, Integer::sum);
        }
        assertThat(outcomes).containsKeys("ok", "appointment-overlap", "hold-expired",
                "taken at the minute a hold in the way lapsed");

        CalendarState rebuilt = new CalendarState();
        DomainEventStream events = axon.eventStore().readEvents(CALENDAR.value());
        Set<String> lapsedCleared = new TreeSet<>();
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            rebuilt.evolve(event.getPayload());
            if (event.getPayload() instanceof HoldReleased released && released.reason().equals(HoldReleased.EXPIRED)) {
                lapsedCleared.add(released.appointmentId().toString());
            }
        }
        assertThat(lapsedCleared).as("lapsed holds cleared by the commands that took their place").isNotEmpty();
        assertThat(rebuilt.booked().stream().map(a -> a.id().toString()).collect(Collectors.toSet()))
                .isEqualTo(appointments.values().stream().filter(a -> a.active).map(a -> a.id.toString())
                                       .collect(Collectors.toSet()));
        assertThat(rebuilt.holds().stream().map(h -> h.id().toString()).collect(Collectors.toSet()))
                .isEqualTo(holds.keySet().stream().map(AppointmentId::toString).collect(Collectors.toSet()));
    }

    private static Busy firstCounting(Map<AppointmentId, Busy> appointments, Map<AppointmentId, Busy> holds,
                                      long start, long end, long now) {
        for (Map<AppointmentId, Busy> entries : List.of(appointments, holds)) {
            for (Busy busy : entries.values()) {
                if (busy.countsAt(now) && busy.overlaps(start, end)) {
                    return busy;
                }
            }
        }
        return null;
    }

    /** What the calendar does when a slot is taken: lapsed holds under it are released as expired. */
    private static void clearLapsed(Map<AppointmentId, Busy> holds, long start, long end, long now) {
        holds.values().removeIf(hold -> !hold.countsAt(now) && hold.overlaps(start, end));
    }

    private static Busy any(Random random, Map<AppointmentId, Busy> entries) {
        List<Busy> all = new ArrayList<>(entries.values());
        return all.get(random.nextInt(all.size()));
    }

    private static Instant minute(long minute) {
        return START.plus(Duration.ofMinutes(minute));
    }

    private String send(Object command) {
        try {
            commands.sendAndWait(command);
            return "ok";
        } catch (CalendarException e) {
            return e.error().code();
        }
    }
}
