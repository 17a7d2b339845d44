package dev.scheduling.domain.visit;

import dev.scheduling.domain.calendar.Appointment;
import dev.scheduling.domain.calendar.AppointmentCancelledException;
import dev.scheduling.domain.calendar.AppointmentDetails;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.AppointmentOverlapException;
import dev.scheduling.domain.calendar.BookAppointment;
import dev.scheduling.domain.calendar.CalendarState;
import dev.scheduling.domain.calendar.HoldExpiredException;
import dev.scheduling.domain.calendar.Participant;
import dev.scheduling.domain.calendar.ParticipantRole;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of random visit commands (book, hold, book a hold, release, move, cancel) and single bookings over a
 * handful of calendars, through Axon's command bus, with time moving on so that holds lapse: each outcome is compared
 * with a simple oracle that checks every pair of slots, and at the end every calendar and visit, rebuilt from its
 * events, is as the oracle says. Then eight threads at once: every visit is on all its calendars or on none, no
 * calendar holds two overlapping entries, and nothing waits for ever. Seeded: {@code -Dvisits.seed=N} replays one.
 */
class VisitsRandomizedTest {

    private static final long SEED = Long.getLong("visits.seed", 20261208L);
    private static final int COMMANDS = 4_000;
    private static final List<UserId> CALENDARS = IntStream.range(0, 5).mapToObj(i -> new UserId("c-" + i)).toList();
    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant DAY = Instant.parse("2026-12-02T08:00:00Z");
    private static final AppointmentDetails DETAILS = new AppointmentDetails("Visit", null, ZoneId.of("UTC"));
    private static final ParticipantRole[] ROLES = ParticipantRole.values();

    private final VisitTestData.Axon axon = new VisitTestData.Axon();

    @AfterEach
    void stop() {
        axon.close();
    }

    /** What the oracle knows of one entry of a calendar: an appointment, or a hold until {@code expiresAt}. */
    private static final class Busy {
        TimeSlot slot;
        Instant expiresAt;
        boolean active = true;

        Busy(TimeSlot slot, Instant expiresAt) {
            this.slot = slot;
            this.expiresAt = expiresAt;
        }

        boolean countsAt(Instant now) {
            return active && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    /** What the oracle knows of one visit. */
    private record Model(List<Participant> participants, VisitStatus status, TimeSlot slot, Instant expiresAt) {
    }

    private final Map<UserId, Map<AppointmentId, Busy>> busy = new HashMap<>();
    private final Map<AppointmentId, Model> visits = new LinkedHashMap<>();

    @Test
    void every_outcome_is_the_oracles_and_every_calendar_and_visit_ends_as_the_oracle_says() {
        Random random = new Random(SEED);
        CALENDARS.forEach(calendar -> busy.put(calendar, new HashMap<>()));
        Instant now = START;
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < COMMANDS; i++) {
            now = now.plusSeconds(random.nextInt(20));
            String outcome = step(random, now, i);
            outcomes.merge(outcome, 1, Integer::sum);
        }
        for (UserId calendar : CALENDARS) {
            CalendarState state = axon.calendar(calendar);
            Map<AppointmentId, TimeSlot> expected = new TreeMap<>(java.util.Comparator.comparing(AppointmentId::toString));
            Map<AppointmentId, TimeSlot> actual = new TreeMap<>(java.util.Comparator.comparing(AppointmentId::toString));
            Instant end = now;
            busy.get(calendar).forEach((id, entry) -> {
                if (entry.countsAt(end)) {
                    expected.put(id, entry.slot);
                }
            });
            state.booked().forEach(appointment -> actual.put(appointment.id(), appointment.slot()));
            state.holds().stream().filter(hold -> !hold.hasLapsedAt(end)).forEach(hold -> actual.put(hold.id(), hold.slot()));
            assertThat(actual).as("calendar %s (seed %d)", calendar, SEED).isEqualTo(expected);
        }
        Instant end = now;
        visits.forEach((id, model) -> {
            VisitState state = axon.visit(id);
            assertThat(state.statusAt(end)).as("visit %s (seed %d)", id, SEED).isEqualTo(statusAt(model, end));
            assertThat(state.slot()).isEqualTo(model.slot());
            assertThat(state.participants()).isEqualTo(model.participants());
        });
        assertThat(outcomes).as("every kind of outcome happened (seed %d): %s", SEED, outcomes)
                            .containsKeys("booked", "refused", "held", "hold booked", "hold expired", "released", "moved",
                                    "move refused", "cancelled", "single booked", "single refused");
    }

    @Test
    void eight_clients_at_once_leave_every_visit_on_all_its_calendars_or_on_none_and_nothing_overlapping() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<List<AppointmentId>>> booked = new ArrayList<>();
        for (int client = 0; client < 8; client++) {
            Random random = new Random(SEED + client);
            booked.add(clients.submit(() -> {
                List<AppointmentId> mine = new ArrayList<>();
                for (int i = 0; i < 150; i++) {
                    AppointmentId id = new AppointmentId(UUID.randomUUID());
                    try {
                        axon.send(new BookVisit(id, participants(random), slot(random), DETAILS, START, false, null));
                        mine.add(id);
                        if (random.nextInt(4) == 0) {
                            axon.send(new RescheduleVisit(id, slot(random), START, false, null));
                        } else if (random.nextInt(4) == 0) {
                            axon.send(new CancelVisit(id, null));
                        }
                    } catch (ParticipantsUnavailableException refused) {
                        // refused whole: checked below, with the rest
                    }
                }
                return mine;
            }));
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(5, TimeUnit.MINUTES)).as("no two visits wait on each other for ever").isTrue();
        List<AppointmentId> created = new ArrayList<>();
        for (Future<List<AppointmentId>> client : booked) {
            created.addAll(client.get());
        }
        assertThat(created).isNotEmpty();
        Map<UserId, CalendarState> calendars = new HashMap<>();
        CALENDARS.forEach(calendar -> calendars.put(calendar, axon.calendar(calendar)));
        for (AppointmentId id : created) {
            VisitState visit = axon.visit(id);
            for (UserId calendar : CALENDARS) {
                Appointment appointment = calendars.get(calendar).appointment(id);
                boolean onIt = appointment != null && appointment.isActive();
                boolean takesPart = visit.takesPart(calendar.value());
                assertThat(onIt).as("visit %s %s on %s", id, visit.status(), calendar)
                                .isEqualTo(takesPart && visit.status() == VisitStatus.BOOKED);
                if (onIt) {
                    assertThat(appointment.slot()).isEqualTo(visit.slot());
                }
            }
        }
        for (UserId calendar : CALENDARS) {
            List<TimeSlot> slots = calendars.get(calendar).booked().stream().map(Appointment::slot).toList();
            for (int i = 1; i < slots.size(); i++) {
                assertThat(slots.get(i - 1).overlaps(slots.get(i))).as("overlap on %s: %s", calendar, slots).isFalse();
            }
        }
    }

    /** One random command, sent and checked against the oracle; answers what happened. */
    private String step(Random random, Instant now, int i) {
        int dice = random.nextInt(100);
        List<AppointmentId> known = new ArrayList<>(visits.keySet());
        AppointmentId some = known.isEmpty() ? null : known.get(random.nextInt(known.size()));
        if (dice < 12 && some != null) {
            return bookHold(some, now);
        }
        if (dice < 20 && some != null) {
            return release(some, now);
        }
        if (dice < 32 && some != null) {
            return move(some, slot(random), now);
        }
        if (dice < 40 && some != null) {
            return cancel(some, now);
        }
        if (dice < 52) {
            return single(CALENDARS.get(random.nextInt(CALENDARS.size())), slot(random), now, i);
        }
        Instant expiresAt = dice < 70 ? now.plusSeconds(60L + random.nextInt(600)) : null;
        return visit(new AppointmentId(new UUID(8, i)), participants(random), slot(random), now, expiresAt);
    }

    private String visit(AppointmentId id, List<Participant> participants, TimeSlot slot, Instant now, Instant expiresAt) {
        List<UserId> refusing = refusing(calendarIds(participants), slot, null, now);
        Object command = expiresAt == null ? new BookVisit(id, participants, slot, DETAILS, now, false, null)
                : new HoldVisit(id, participants, slot, now, expiresAt, false, null, "desk");
        if (!refusing.isEmpty()) {
            expectRefusal(command, refusing);
            return "refused";
        }
        axon.send(command);
        List<Participant> ordered = new Participants(participants).inOrder();
        ordered.forEach(participant -> busy.get(participant.calendarId()).put(id, new Busy(slot, expiresAt)));
        visits.put(id, new Model(ordered, expiresAt == null ? VisitStatus.BOOKED : VisitStatus.HELD, slot, expiresAt));
        return expiresAt == null ? "booked" : "held";
    }

    private String bookHold(AppointmentId id, Instant now) {
        Model model = visits.get(id);
        if (model.status() == VisitStatus.BOOKED) {
            VisitOutcome again = axon.send(new BookHeldVisit(id, DETAILS, now));
            assertThat(again.created()).as("booked already: nothing (seed %d)", SEED).isFalse();
            return "booked again";
        }
        if (statusAt(model, now) != VisitStatus.HELD) {
            expect(() -> axon.send(new BookHeldVisit(id, DETAILS, now)), HoldExpiredException.class);
            return "hold expired";
        }
        axon.send(new BookHeldVisit(id, DETAILS, now));
        model.participants().forEach(participant -> busy.get(participant.calendarId()).get(id).expiresAt = null);
        visits.put(id, new Model(model.participants(), VisitStatus.BOOKED, model.slot(), model.expiresAt()));
        return "hold booked";
    }

    private String release(AppointmentId id, Instant now) {
        Model model = visits.get(id);
        if (model.status() == VisitStatus.BOOKED || model.status() == VisitStatus.CANCELLED) {
            expect(() -> axon.send(new ReleaseVisitHold(id, now)), HoldExpiredException.class);
            return "release refused";
        }
        axon.send(new ReleaseVisitHold(id, now));
        if (statusAt(model, now) == VisitStatus.HELD) {
            model.participants().forEach(participant -> busy.get(participant.calendarId()).get(id).active = false);
            visits.put(id, new Model(model.participants(), VisitStatus.RELEASED, model.slot(), model.expiresAt()));
            return "released";
        }
        return "release changed nothing";
    }

    private String move(AppointmentId id, TimeSlot to, Instant now) {
        Model model = visits.get(id);
        RescheduleVisit command = new RescheduleVisit(id, to, now, false, null);
        if (model.status() == VisitStatus.CANCELLED) {
            expect(() -> axon.send(command), AppointmentCancelledException.class);
            return "move of cancelled";
        }
        if (model.status() != VisitStatus.BOOKED) {
            expect(() -> axon.send(command), dev.scheduling.domain.calendar.AppointmentNotFoundException.class);
            return "move of a hold";
        }
        List<UserId> refusing = refusing(calendarIds(model.participants()), to, id, now);
        if (!refusing.isEmpty() && !to.equals(model.slot())) {
            expectRefusal(command, refusing);
            return "move refused";
        }
        axon.send(command);
        model.participants().forEach(participant -> busy.get(participant.calendarId()).get(id).slot = to);
        visits.put(id, new Model(model.participants(), model.status(), to, model.expiresAt()));
        return "moved";
    }

    private String cancel(AppointmentId id, Instant now) {
        Model model = visits.get(id);
        if (!(model.status() == VisitStatus.BOOKED || model.status() == VisitStatus.CANCELLED)) {
            expect(() -> axon.send(new CancelVisit(id, null)),
                    dev.scheduling.domain.calendar.AppointmentNotFoundException.class);
            return "cancel of a hold";
        }
        axon.send(new CancelVisit(id, null));
        model.participants().forEach(participant -> busy.get(participant.calendarId()).get(id).active = false);
        visits.put(id, new Model(model.participants(), VisitStatus.CANCELLED, model.slot(), model.expiresAt()));
        return "cancelled";
    }

    private String single(UserId calendar, TimeSlot slot, Instant now, int i) {
        AppointmentId id = new AppointmentId(new UUID(1, i));
        BookAppointment command = new BookAppointment(calendar, id, slot, DETAILS, now);
        if (!refusing(List.of(calendar), slot, null, now).isEmpty()) {
            expect(() -> axon.send(command), AppointmentOverlapException.class);
            return "single refused";
        }
        axon.send(command);
        busy.get(calendar).put(id, new Busy(slot, null));
        return "single booked";
    }

    /** The calendars, by id, where something that counts at {@code now} overlaps {@code slot} ({@code moving} aside). */
    private List<UserId> refusing(List<UserId> calendars, TimeSlot slot, AppointmentId moving, Instant now) {
        return calendars.stream().sorted(java.util.Comparator.comparing(UserId::value))
                .filter(calendar -> busy.get(calendar).entrySet().stream().anyMatch(entry -> !entry.getKey().equals(moving)
                        && entry.getValue().countsAt(now) && entry.getValue().slot.overlaps(slot)))
                .toList();
    }

    private static List<UserId> calendarIds(List<Participant> participants) {
        return participants.stream().map(Participant::calendarId).toList();
    }

    private void expectRefusal(Object command, List<UserId> refusing) {
        try {
            axon.send(command);
        } catch (ParticipantsUnavailableException refused) {
            assertThat(refused.refusals()).extracting(Refusal::calendarId).as("seed %d", SEED).isEqualTo(refusing);
            assertThat(refused.refusals()).extracting(Refusal::code).containsOnly("appointment-overlap");
            return;
        }
        throw new AssertionError("not refused (seed " + SEED + "): " + command);
    }

    private static void expect(Runnable send, Class<? extends RuntimeException> refusal) {
        try {
            send.run();
        } catch (RuntimeException refused) {
            assertThat(refused).as("seed %d", SEED).isInstanceOf(refusal);
            return;
        }
        throw new AssertionError("not refused with " + refusal.getSimpleName() + " (seed " + SEED + ")");
    }

    private static VisitStatus statusAt(Model model, Instant now) {
        return model.status() == VisitStatus.HELD && !now.isBefore(model.expiresAt()) ? VisitStatus.EXPIRED
                : model.status();
    }

    /** 2 to 4 of the calendars, asked for in any order, each in some role. */
    private static List<Participant> participants(Random random) {
        List<UserId> calendars = new ArrayList<>(CALENDARS);
        Collections.shuffle(calendars, random);
        return calendars.subList(0, 2 + random.nextInt(3)).stream()
                        .map(calendar -> new Participant(calendar, ROLES[random.nextInt(ROLES.length)])).toList();
    }

    /** 15 to 90 minutes on a quarter hour of one morning: most overlap something. */
    private static TimeSlot slot(Random random) {
        Instant start = DAY.plus(Duration.ofMinutes(15L * random.nextInt(16)));
        return new TimeSlot(start, start.plus(Duration.ofMinutes(15L * (1 + random.nextInt(6)))));
    }
}
