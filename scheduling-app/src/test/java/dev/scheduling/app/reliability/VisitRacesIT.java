package dev.scheduling.app.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scheduling.app.support.Api;
import dev.scheduling.app.support.DynamoDbServer;
import dev.scheduling.app.support.EventStoreReader;
import dev.scheduling.app.support.EventStoreReader.Slot;
import dev.scheduling.app.support.EventStoreReader.Visit;
import dev.scheduling.app.support.Eventually;
import dev.scheduling.app.support.LoadClients;
import dev.scheduling.app.support.LoadClients.Outcome;
import dev.scheduling.app.support.ReadModelTable;
import dev.scheduling.app.support.ReliabilityReport;
import dev.scheduling.app.support.RunningService;
import dev.scheduling.app.support.TestPostgres;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.scheduling.app.support.Bookings.day;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visits of several calendars, all or nothing under races: 32 clients on two nodes of one PostgreSQL (two owners of
 * its token store) book, hold, book holds, release, move and cancel random visits of 2 to 4 of 6 calendars onto
 * overlapping slots, and book single appointments on the same calendars, for {@code reliability.raceSeconds} (20 s in
 * CI). Every request is answered within 10 s, none with a 5xx. Then: every calendar's appointments and live holds are
 * exactly those of its booked and held visits (each at the visit's own slot) and its single bookings; no visit is on
 * some of its calendars only; every 201 not cancelled since is booked; once the holds' time has passed no hold
 * counts, in the event store or in the busy times the read model answers; no calendar holds two overlapping entries;
 * and the read model agrees with the event store.
 */
class VisitRacesIT {

    static final String[] CALENDARS = {"grp-a", "grp-b", "grp-c", "grp-d", "grp-e", "grp-f"};
    private static final String[] ROLES = {"practitioner", "patient", "location", "other"};
    private static final Set<Integer> EXPECTED = Set.of(200, 201, 204, 409);
    private static final long ANSWER_WITHIN_MILLIS = 10_000;

    @Test
    void thirty_two_clients_on_two_nodes_leave_every_visit_on_all_its_calendars_or_on_none() {
        int seconds = ReliabilityReport.seconds("raceSeconds", 20);
        String database = TestPostgres.newDatabase();
        List<String> booked = new CopyOnWriteArrayList<>();
        List<String> held = new CopyOnWriteArrayList<>();
        Set<String> cancelled = ConcurrentHashMap.newKeySet();
        try (RunningService first = RunningService.onDatabase(database);
             RunningService second = RunningService.onDatabase(database)) {
            Api[] nodes = {first.api(), second.api()};
            LoadClients clients = LoadClients.start(32, (client, i) -> {
                SplittableRandom random = new SplittableRandom(i);
                Api api = nodes[client % 2];
                int dice = random.nextInt(100);
                if (dice < 10 && !booked.isEmpty()) {
                    String id = booked.get(random.nextInt(booked.size()));
                    Outcome outcome = LoadClients.timed(id, "cancel", api.delete("/appointments/" + id));
                    if (outcome.status() == 204) {
                        cancelled.add(id);
                    }
                    return outcome;
                }
                if (dice < 22 && !booked.isEmpty()) {
                    String id = booked.get(random.nextInt(booked.size()));
                    return LoadClients.timed(id, "move", api.post("/appointments/" + id + "/reschedule")
                                                         .json(moveJson(random)));
                }
                if (dice < 32 && !held.isEmpty()) {
                    String id = held.get(random.nextInt(held.size()));
                    boolean release = random.nextInt(3) == 0;
                    Outcome outcome = release ? LoadClients.timed(id, "release", api.delete("/holds/" + id))
                            : LoadClients.timed(id, "book hold", api.post("/appointments")
                                                                     .json("{\"holdId\":\"" + id + "\",\"title\":\"Visit\"}"));
                    if (outcome.status() == 201) {
                        booked.add(id);
                    }
                    return outcome;
                }
                if (dice < 45) {
                    Outcome outcome = LoadClients.timed("hold", "hold", api.post("/holds").json(holdJson(random)));
                    if (outcome.status() == 201) {
                        held.add(outcome.appointmentId());
                    }
                    return outcome;
                }
                if (dice < 58) {
                    String calendar = CALENDARS[random.nextInt(CALENDARS.length)];
                    return LoadClients.timed(calendar, "single", api.post("/users/" + calendar + "/appointments")
                                                                    .json(slotJson(random, null, 1)));
                }
                Outcome outcome = LoadClients.timed("visit", "visit", api.post("/appointments")
                                                                       .json(slotJson(random, participants(random), 1)));
                if (outcome.status() == 201) {
                    booked.add(outcome.appointmentId());
                }
                return outcome;
            });
            Eventually.pause(Duration.ofSeconds(seconds));
            clients.stop();
            List<Outcome> outcomes = clients.outcomes();

            EventStoreReader eventStore = new EventStoreReader(database);
            List<Visit> visits = eventStore.visits();
            assertThat(misplaced(eventStore, visits)).as("entries unlike their visits").isEmpty();
            for (String calendar : CALENDARS) {
                assertThat(eventStore.overlaps(calendar)).as("overlaps on " + calendar).isEmpty();
            }
            assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(EXPECTED));
            Map<String, String> statuses = new HashMap<>();
            visits.forEach(visit -> statuses.put(visit.appointmentId(), visit.status()));
            for (String id : booked) {
                assertThat(statuses.get(id)).as("201 for " + id).isEqualTo(cancelled.contains(id) ? "CANCELLED" : "BOOKED");
            }
            Map<String, Map<Integer, Long>> byRequest = counts(outcomes);
            for (String request : List.of("visit", "hold", "book hold", "move", "single")) {
                assertThat(byRequest.getOrDefault(request, Map.of())).as(request + ": " + byRequest)
                        .containsKey(request.equals("move") ? 200 : 201).containsKey(409);
            }
            assertThat(byRequest.get("cancel")).as("cancels: " + byRequest).containsKey(204);
            assertThat(byRequest.get("release")).as("releases: " + byRequest).containsKey(204);

            // the holds' time passes (at most PT10S): from then on no hold counts anywhere, read model included
            Eventually.pause(Duration.ofSeconds(11));
            for (String calendar : CALENDARS) {
                assertThat(eventStore.liveHolds(calendar)).as("holds on " + calendar).isEmpty();
            }
            assertThat(misplaced(eventStore, eventStore.visits())).isEmpty();
            ReadModelTable readModel = new ReadModelTable(DynamoDbServer.shared(), RunningService.readModelTable(database));
            Eventually.await("the read model to agree with the event store", Duration.ofSeconds(60),
                    () -> ReadModelTable.differences(eventStore.expectedReadModel(), readModel.items()) == 0);
            for (String calendar : CALENDARS) {
                Eventually.await(calendar + "'s busy times to be its appointments' alone", Duration.ofSeconds(60),
                        () -> busy(first.api(), calendar).equals(merged(eventStore.activeSlots(calendar).values())));
            }
            double lostRaces = lostRaces(first) + lostRaces(second);
            List<Outcome> visitRequests = outcomes.stream().filter(o -> o.request().equals("visit")).toList();
            List<Outcome> moves = outcomes.stream().filter(o -> o.request().equals("move")).toList();
            ReliabilityReport.record("34 (visits, two nodes)", String.format(
                    "32 clients on 2 nodes for %d s on %d calendars: %d requests (%s; %.0f commands lost a race and were "
                            + "tried again); by request %s; visits p50 %d ms, "
                            + "p99 %d ms, max %d ms; moves p50 %d ms, p99 %d ms; %d visits at the end (%d booked); 0 "
                            + "entries unlike their visits, 0 overlaps, 0 holds past their expiry, read model = event "
                            + "store, 0 x 5xx, none later than 10 s; slowest: %s",
                    seconds, CALENDARS.length, outcomes.size(), LoadClients.statuses(outcomes), lostRaces, byRequest,
                    percentile(visitRequests, 50), percentile(visitRequests, 99), percentile(visitRequests, 100),
                    percentile(moves, 50), percentile(moves, 99), visits.size(),
                    visits.stream().filter(v -> v.status().equals("BOOKED")).count(),
                    outcomes.stream().sorted(java.util.Comparator.comparingLong(Outcome::millis).reversed()).limit(5)
                            .map(o -> o.request() + " " + o.status() + " " + o.problemCode() + " " + o.millis() + " ms")
                            .toList()));
            assertThat(outcomes).allSatisfy(o -> assertThat(o.millis()).as(o.toString()).isLessThanOrEqualTo(ANSWER_WITHIN_MILLIS));
        }
    }

    /**
     * What is on a calendar and should not be, or missing, or at another slot than its visit's: each calendar's
     * active entries must be exactly its booked and held visits (at the visit's slot) and its single bookings.
     */
    static List<String> misplaced(EventStoreReader eventStore, List<Visit> visits) {
        List<String> misplaced = new ArrayList<>();
        Map<String, Visit> byId = new HashMap<>();
        visits.forEach(visit -> byId.put(visit.appointmentId(), visit));
        Set<String> singles = new HashSet<>(eventStore.singleAppointmentIds());
        for (String calendar : CALENDARS) {
            Map<String, Slot> active = eventStore.activeSlots(calendar);
            for (Visit visit : visits) {
                boolean there = visit.status().equals("BOOKED") || visit.status().equals("HELD");
                Slot slot = active.get(visit.appointmentId());
                if (visit.calendars().contains(calendar) && there && slot == null) {
                    misplaced.add(visit.appointmentId() + " " + visit.status() + " missing from " + calendar);
                } else if (slot != null && (!there || !visit.calendars().contains(calendar))) {
                    misplaced.add(visit.appointmentId() + " " + visit.status() + " left on " + calendar);
                } else if (slot != null && !(slot.start().equals(visit.slot().start()) && slot.end().equals(visit.slot().end()))) {
                    misplaced.add(visit.appointmentId() + " on " + calendar + " at " + slot + ", the visit at " + visit.slot());
                }
            }
            active.keySet().stream().filter(id -> !byId.containsKey(id) && !singles.contains(id))
                  .forEach(id -> misplaced.add(id + " on " + calendar + " is neither a visit nor a single booking"));
        }
        return misplaced;
    }

    private static double lostRaces(RunningService node) {
        return node.bean(io.micrometer.core.instrument.MeterRegistry.class).get("scheduling.commands.lost.races")
                   .counter().count();
    }

    /** The calendar's busy times as the service answers them, "start/end" each. */
    private static List<String> busy(Api api, String calendar) {
        List<String> busy = new ArrayList<>();
        JsonNode answer = api.as("desk", "front-desk").get("/users/" + calendar + "/busy?from=" + day(6)
                + "&to=" + day(9)).send().json();
        answer.path("busy").forEach(slot -> busy.add(slot.path("start").asText() + "/" + slot.path("end").asText()));
        return busy;
    }

    /** Slots merged into busy intervals, as the busy times answer them. */
    private static List<String> merged(java.util.Collection<Slot> slots) {
        List<Slot> sorted = new ArrayList<>(slots);
        sorted.sort(java.util.Comparator.comparing(Slot::start));
        List<String> merged = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        for (Slot slot : sorted) {
            if (end != null && !slot.start().isAfter(end)) {
                end = slot.end().isAfter(end) ? slot.end() : end;
                continue;
            }
            if (start != null) {
                merged.add(start + "/" + end);
            }
            start = slot.start();
            end = slot.end();
        }
        if (start != null) {
            merged.add(start + "/" + end);
        }
        return merged;
    }

    private static Map<String, Map<Integer, Long>> counts(List<Outcome> outcomes) {
        Map<String, Map<Integer, Long>> counts = new java.util.TreeMap<>();
        outcomes.forEach(o -> counts.computeIfAbsent(o.request(), r -> new java.util.TreeMap<>()).merge(o.status(), 1L, Long::sum));
        return counts;
    }

    /** 2 to 4 distinct calendars with roles, as the request's participants. */
    static String participants(SplittableRandom random) {
        List<String> calendars = new ArrayList<>(List.of(CALENDARS));
        Collections.shuffle(calendars, new java.util.Random(random.nextLong()));
        int size = 2 + random.nextInt(3);
        StringBuilder json = new StringBuilder("[");
        for (int p = 0; p < size; p++) {
            json.append(p == 0 ? "" : ",").append("{\"calendarId\":\"").append(calendars.get(p))
                .append("\",\"role\":\"").append(ROLES[random.nextInt(ROLES.length)]).append("\"}");
        }
        return json.append(']').toString();
    }

    /**
     * A 30 to 90 minute slot starting on a half hour of one morning (or of {@code days} mornings: moves reach the next
     * one, which only they race for): most of them overlap something.
     */
    static String slotJson(SplittableRandom random, String participants, int days) {
        Instant start = day(6 + random.nextInt(days)).plus(Duration.ofHours(8)).plus(Duration.ofMinutes(30L * random.nextInt(12)));
        Instant end = start.plus(Duration.ofMinutes(30L * (1 + random.nextInt(3))));
        return "{" + (participants == null ? "" : "\"participants\":" + participants + ",")
                + "\"start\":\"" + start + "\",\"end\":\"" + end + "\",\"title\":\"Visit\"}";
    }

    /** A move to such a slot of that morning or the next. */
    static String moveJson(SplittableRandom random) {
        String slot = slotJson(random, null, 2);
        return slot.substring(0, slot.lastIndexOf(",\"title\"")) + "}";
    }

    /** A hold of 5 to 10 seconds of a random visit's slot. */
    static String holdJson(SplittableRandom random) {
        String visit = slotJson(random, participants(random), 1);
        return visit.substring(0, visit.lastIndexOf(",\"title\"")) + ",\"ttl\":\"PT" + (5 + random.nextInt(6)) + "S\"}";
    }

    static long percentile(List<Outcome> outcomes, int percentile) {
        if (outcomes.isEmpty()) {
            return 0;
        }
        List<Long> millis = outcomes.stream().map(Outcome::millis).sorted().toList();
        int index = (int) Math.ceil(percentile / 100.0 * millis.size()) - 1;
        return millis.get(Math.max(0, Math.min(index, millis.size() - 1)));
    }
}
