package dev.scheduling.domain.calendar;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of random book, reschedule and cancel commands through Axon's command bus and event-sourcing
 * repository, each outcome compared with a naive oracle that checks every pair of appointments. Seeded, so a
 * failure replays exactly.
 */
class UserCalendarRandomizedTest {

    private static final long SEED = 20261122L;
    private static final int COMMANDS = 4_000;
    private static final Duration MAX_DURATION = Duration.ofHours(24);
    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
    private static final List<UserId> USERS = List.of(new UserId("u1"), new UserId("u2"), new UserId("u3"));

    private Configuration axon;
    private CommandGateway commands;

    @BeforeEach
    void startAxon() {
        axon = CalendarTestData.startedAxon(MAX_DURATION);
        commands = axon.commandGateway();
    }

    @AfterEach
    void stopAxon() {
        axon.shutdown();
    }

    @Test
    void every_outcome_matches_the_all_pairs_oracle_and_no_overlap_is_ever_stored() {
        Random random = new Random(SEED);
        Map<UserId, Oracle> oracles = new HashMap<>();
        USERS.forEach(user -> oracles.put(user, new Oracle()));
        Map<String, Integer> outcomes = new HashMap<>();

        Instant now = START;
        for (int i = 0; i < COMMANDS; i++) {
            now = now.plus(Duration.ofMinutes(random.nextInt(3)));
            UserId user = USERS.get(random.nextInt(USERS.size()));
            Oracle oracle = oracles.get(user);
            int kind = random.nextInt(10);
            String expected;
            String actual;
            if (kind < 5 || oracle.appointments.isEmpty()) {
                AppointmentId id = kind == 0 && !oracle.appointments.isEmpty()
                        ? oracle.anyId(random) : new AppointmentId(new UUID(random.nextLong(), i));
                TimeSlot slot = randomSlot(random, now);
                if (kind == 0 && oracle.appointments.containsKey(id) && random.nextBoolean()) {
                    slot = oracle.appointments.get(id).bookedSlot; // a faithful retry
                }
                BookAppointment command = new BookAppointment(user, id, slot, AppointmentDetails.untitled(), now);
                expected = oracle.book(command);
                actual = outcomeOf(user, command);
            } else if (kind < 8) {
                AppointmentId id = random.nextInt(20) == 0 ? new AppointmentId(new UUID(random.nextLong(), -1)) : oracle.anyId(random);
                RescheduleAppointment command = new RescheduleAppointment(user, id, randomSlot(random, now), now);
                expected = oracle.reschedule(command);
                actual = outcomeOf(user, command);
            } else {
                AppointmentId id = random.nextInt(20) == 0 ? new AppointmentId(new UUID(random.nextLong(), -1)) : oracle.anyId(random);
                CancelAppointment command = new CancelAppointment(user, id, null);
                expected = oracle.cancel(id);
                actual = outcomeOf(user, command);
            }
            if (expected.equals(CalendarError.APPOINTMENT_OVERLAP.code())) {
                assertThat(actual).as("command %d", i).startsWith(expected + ":");
                String conflictingId = actual.substring(actual.indexOf(':') + 1);
                assertThat(oracle.overlapping).as("command %d names a truly overlapping appointment", i)
                                              .contains(conflictingId);
            } else {
                assertThat(actual).as("command %d", i).isEqualTo(expected);
            }
            outcomes.merge(expected, 1, Integer::sum);
        }

        // The run must have exercised every path, or it proves little.
        assertThat(outcomes.keySet()).contains("ok", "no-op", CalendarError.APPOINTMENT_OVERLAP.code(),
                CalendarError.START_IN_PAST.code(), CalendarError.APPOINTMENT_TOO_LONG.code(),
                CalendarError.APPOINTMENT_NOT_FOUND.code(), CalendarError.APPOINTMENT_CANCELLED.code(),
                CalendarError.APPOINTMENT_ALREADY_STARTED.code(), CalendarError.IDEMPOTENCY_KEY_REUSED.code());
        assertThat(outcomes.get("ok")).isGreaterThan(COMMANDS / 5);

        for (UserId user : USERS) {
            Map<AppointmentId, TimeSlot> stored = activeSlotsFromEventStore(user);
            assertNoTwoOverlap(stored);
            assertThat(stored).isEqualTo(oracles.get(user).activeSlots());
        }
    }

    private static TimeSlot randomSlot(Random random, Instant now) {
        // mostly ahead within a few days at quarter hours, sometimes in the past, sometimes too long
        Instant start = now.truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                           .plus(Duration.ofMinutes(15L * (random.nextInt(4 * 24 * 3) - 8)));
        Duration length = random.nextInt(40) == 0
                ? MAX_DURATION.plusMinutes(15L * (random.nextInt(3) - 1))
                : Duration.ofMinutes(15L * (1 + random.nextInt(12)));
        return new TimeSlot(start, start.plus(length));
    }

    private String outcomeOf(UserId user, Object command) {
        EventStore eventStore = axon.getComponent(EventStore.class);
        var before = eventStore.lastSequenceNumberFor(user.toString());
        try {
            commands.sendAndWait(command);
            return eventStore.lastSequenceNumberFor(user.toString()).equals(before) ? "no-op" : "ok";
        } catch (AppointmentOverlapException e) {
            return e.error().code() + ":" + e.data().get("conflictingAppointmentId");
        } catch (CalendarException e) {
            return e.error().code();
        } catch (AggregateNotFoundException e) {
            return CalendarError.APPOINTMENT_NOT_FOUND.code();
        }
    }

    private Map<AppointmentId, TimeSlot> activeSlotsFromEventStore(UserId user) {
        Map<AppointmentId, TimeSlot> active = new HashMap<>();
        axon.getComponent(EventStore.class).readEvents(user.toString()).asStream()
            .map(DomainEventMessage::getPayload)
            .forEach(event -> {
                if (event instanceof AppointmentBooked booked) {
                    active.put(booked.appointmentId(), booked.slot());
                } else if (event instanceof AppointmentRescheduled moved) {
                    active.put(moved.appointmentId(), moved.newSlot());
                } else if (event instanceof AppointmentCancelled cancelled) {
                    active.remove(cancelled.appointmentId());
                }
            });
        return active;
    }

    private static void assertNoTwoOverlap(Map<AppointmentId, TimeSlot> slots) {
        List<Map.Entry<AppointmentId, TimeSlot>> entries = new ArrayList<>(slots.entrySet());
        for (int a = 0; a < entries.size(); a++) {
            for (int b = a + 1; b < entries.size(); b++) {
                assertThat(intersect(entries.get(a).getValue(), entries.get(b).getValue()))
                        .as("%s and %s overlap", entries.get(a), entries.get(b)).isFalse();
            }
        }
    }

    /**
     * Whether two half-open slots share an instant, written out here rather than taken from {@code TimeSlot}: the
     * oracle must not lean on the code it checks. Slots of this test are whole minutes.
     */
    private static boolean intersect(TimeSlot a, TimeSlot b) {
        long aStart = a.start().getEpochSecond() / 60;
        long aEnd = a.end().getEpochSecond() / 60;
        long bStart = b.start().getEpochSecond() / 60;
        long bEnd = b.end().getEpochSecond() / 60;
        return Math.max(aStart, bStart) < Math.min(aEnd, bEnd);
    }

    /** The rules written the slow, obvious way: every check looks at every appointment. */
    private static final class Oracle {

        private final Map<AppointmentId, Entry> appointments = new HashMap<>();
        private final List<AppointmentId> ids = new ArrayList<>();
        private List<String> overlapping = List.of();

        private static final class Entry {
            TimeSlot slot;
            final TimeSlot bookedSlot;
            boolean cancelled;

            Entry(TimeSlot slot) {
                this.slot = slot;
                this.bookedSlot = slot;
            }
        }

        String book(BookAppointment command) {
            Entry existing = appointments.get(command.appointmentId());
            if (existing != null) {
                return existing.bookedSlot.equals(command.slot()) ? "no-op" : CalendarError.IDEMPOTENCY_KEY_REUSED.code();
            }
            String refusal = refusalOf(command.slot(), command.requestedAt(), null);
            if (refusal != null) {
                return refusal;
            }
            appointments.put(command.appointmentId(), new Entry(command.slot()));
            ids.add(command.appointmentId());
            return "ok";
        }

        String reschedule(RescheduleAppointment command) {
            Entry entry = appointments.get(command.appointmentId());
            if (entry == null) {
                return CalendarError.APPOINTMENT_NOT_FOUND.code();
            }
            if (entry.cancelled) {
                return CalendarError.APPOINTMENT_CANCELLED.code();
            }
            if (!entry.slot.start().isAfter(command.requestedAt())) {
                return CalendarError.APPOINTMENT_ALREADY_STARTED.code();
            }
            if (entry.slot.equals(command.newSlot())) {
                return "no-op";
            }
            String refusal = refusalOf(command.newSlot(), command.requestedAt(), command.appointmentId());
            if (refusal != null) {
                return refusal;
            }
            entry.slot = command.newSlot();
            return "ok";
        }

        String cancel(AppointmentId id) {
            Entry entry = appointments.get(id);
            if (entry == null) {
                return CalendarError.APPOINTMENT_NOT_FOUND.code();
            }
            if (entry.cancelled) {
                return "no-op";
            }
            entry.cancelled = true;
            return "ok";
        }

        private String refusalOf(TimeSlot slot, Instant now, AppointmentId moving) {
            if (slot.start().isBefore(now)) {
                return CalendarError.START_IN_PAST.code();
            }
            if (slot.duration().compareTo(MAX_DURATION) > 0) {
                return CalendarError.APPOINTMENT_TOO_LONG.code();
            }
            overlapping = appointments.entrySet().stream()
                                      .filter(e -> !e.getValue().cancelled && !e.getKey().equals(moving))
                                      .filter(e -> intersect(e.getValue().slot, slot))
                                      .map(e -> e.getKey().toString())
                                      .toList();
            return overlapping.isEmpty() ? null : CalendarError.APPOINTMENT_OVERLAP.code();
        }

        AppointmentId anyId(Random random) {
            return ids.isEmpty() ? new AppointmentId(new UUID(0, 0)) : ids.get(random.nextInt(ids.size()));
        }

        Map<AppointmentId, TimeSlot> activeSlots() {
            Map<AppointmentId, TimeSlot> active = new HashMap<>();
            appointments.forEach((id, entry) -> {
                if (!entry.cancelled) {
                    active.put(id, entry.slot);
                }
            });
            return active;
        }
    }
}
