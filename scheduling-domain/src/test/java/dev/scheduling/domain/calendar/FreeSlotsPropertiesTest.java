package dev.scheduling.domain.calendar;

import dev.scheduling.domain.calendar.AvailabilityScenarios.Base;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Histogram;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slot search against the calendars themselves: every slot it offers is accepted by every calendar searched when
 * booked at once, and, for one calendar, it offers every slot on the grid that the calendar would accept (so it
 * neither promises what the calendar refuses nor hides what it would take). Random rules, appointments and searches
 * around changes of the clocks ({@link AvailabilityScenarios}).
 */
class FreeSlotsPropertiesTest {

    private static final AtomicLong CALENDARS = new AtomicLong();
    private static Configuration axon;
    private static CommandGateway commands;

    /** One calendar as it is searched: its rules (or none) and its appointments. */
    record Holding(AvailabilityRules rules, List<TimeSlot> appointments) {
    }

    record SearchScenario(List<Holding> calendars, FreeSlots.Search search) {
    }

    @BeforeContainer
    static void startAxon() {
        axon = CalendarTestData.startedAxonWithCache(Duration.ofHours(24));
        commands = axon.commandGateway();
    }

    @AfterContainer
    static void stopAxon() {
        axon.shutdown();
    }

    @Provide
    Arbitrary<SearchScenario> oneCalendar() {
        return AvailabilityScenarios.bases().flatMap(base -> Combinators.combine(holding(base, 5), search(base))
                                                                        .as((holding, search) -> new SearchScenario(List.of(holding), search)));
    }

    @Provide
    Arbitrary<SearchScenario> severalCalendars() {
        return AvailabilityScenarios.bases().flatMap(base -> Combinators.combine(holding(base, 1).list().ofMinSize(2).ofMaxSize(3),
                search(base)).as(SearchScenario::new));
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    @StatisticsReport(format = Histogram.class)
    void one_calendar_offers_exactly_the_slots_on_its_grid_that_it_would_accept(
            @ForAll("oneCalendar") SearchScenario scenario) {
        Holding calendar = scenario.calendars().get(0);
        FreeSlots.Search search = scenario.search();
        List<TimeSlot> offered = FreeSlots.find(List.of(asSearched(calendar)), search);

        List<TimeSlot> acceptable = new ArrayList<>();
        for (TimeSlot candidate : grid(calendar.rules(), search)) {
            if (AvailabilityOracle.booking(calendar.rules(), calendar.appointments(), candidate, search.now())
                                  .equals("accepted")) {
                acceptable.add(candidate);
            }
        }
        Statistics.collect(offered.size() / 10 * 10);
        assertThat(offered).as("%s", scenario).isEqualTo(acceptable.subList(0, Math.min(acceptable.size(), search.limit())));
        assertThat(refusalsBookingAtOnce(calendar, offered, search.now())).as("%s", scenario).isEmpty();
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void every_slot_offered_for_several_calendars_is_accepted_by_each_of_them(
            @ForAll("severalCalendars") SearchScenario scenario) {
        List<FreeSlots.Calendar> searched = scenario.calendars().stream().map(FreeSlotsPropertiesTest::asSearched).toList();
        List<TimeSlot> offered = FreeSlots.find(searched, scenario.search());

        Statistics.collect(offered.isEmpty() ? "none offered" : "some offered");
        for (Holding calendar : scenario.calendars()) {
            assertThat(refusalsBookingAtOnce(calendar, offered, scenario.search().now())).as("%s", scenario).isEmpty();
        }
    }

    /**
     * Books each slot (of a sample of at most 40: the first, the last and some between) on a calendar holding what
     * {@code calendar} holds, at {@code now}, cancelling it again before the next: the refusals, none if all went in.
     */
    private static List<String> refusalsBookingAtOnce(Holding calendar, List<TimeSlot> slots, Instant now) {
        UserId id = new UserId("search-" + CALENDARS.incrementAndGet());
        for (TimeSlot slot : calendar.appointments()) {
            commands.sendAndWait(new BookAppointment(id, appointmentId(), slot, AppointmentDetails.untitled(),
                    now.minus(Duration.ofDays(30))));
        }
        if (calendar.rules() != null) {
            commands.sendAndWait(new SetAvailability(id, calendar.rules()));
        }
        List<String> refusals = new ArrayList<>();
        for (TimeSlot slot : sample(slots)) {
            AppointmentId appointment = appointmentId();
            String outcome = AvailabilityPropertiesTest.outcome(() -> commands.sendAndWait(
                    new BookAppointment(id, appointment, slot, AppointmentDetails.untitled(), now)));
            if (outcome.equals("accepted")) {
                commands.sendAndWait(new CancelAppointment(id, appointment, null));
            } else {
                refusals.add(slot + ": " + outcome);
            }
        }
        return refusals;
    }

    private static List<TimeSlot> sample(List<TimeSlot> slots) {
        if (slots.size() <= 40) {
            return slots;
        }
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 15; i++) {
            picked.add(i);
            picked.add(slots.size() - 1 - i);
        }
        for (int i = 0; picked.size() < 40; i++) {
            picked.add((i * 7919) % slots.size());
        }
        return picked.stream().sorted().map(slots::get).toList();
    }

    /**
     * The slot starts the search should consider, worked out on their own: every step from the start of each merged
     * window of the days around the search (from 00:00 UTC of the search's first day without rules), inside
     * {@code [from, to)} and the window.
     */
    private static List<TimeSlot> grid(AvailabilityRules rules, FreeSlots.Search search) {
        List<TimeSlot> windows = rules == null
                ? List.of(new TimeSlot(search.from().truncatedTo(ChronoUnit.DAYS), search.to()))
                : AvailabilityOracle.windows(rules, LocalDate.ofInstant(search.from(), rules.timeZone()).minusDays(1),
                        LocalDate.ofInstant(search.to(), rules.timeZone()));
        List<TimeSlot> candidates = new ArrayList<>();
        for (TimeSlot window : windows) {
            for (Instant start = window.start(); !start.plus(search.duration()).isAfter(window.end());
                 start = start.plus(search.step())) {
                Instant end = start.plus(search.duration());
                if (!start.isBefore(search.from()) && !end.isAfter(search.to())) {
                    candidates.add(new TimeSlot(start, end));
                }
            }
        }
        return candidates;
    }

    private static FreeSlots.Calendar asSearched(Holding holding) {
        return new FreeSlots.Calendar(holding.rules(), holding.appointments());
    }

    /** A calendar with rules {@code withRules} times as often as one without. */
    private static Arbitrary<Holding> holding(Base base, int withRules) {
        Arbitrary<AvailabilityRules> rulesOrNone = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(withRules, AvailabilityScenarios.rules(base)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
        return Combinators.combine(rulesOrNone, AvailabilityScenarios.appointments(base)).as(Holding::new);
    }

    /** A search of six hours to three days from around the base's midnight, by a request up to a day before. */
    private static Arbitrary<FreeSlots.Search> search(Base base) {
        Arbitrary<Integer> fromFiveMinutes = Arbitraries.integers().between(-24, 288)
                                                        .withDistribution(net.jqwik.api.RandomDistribution.uniform());
        Arbitrary<Integer> hours = Arbitraries.integers().between(6, 72);
        Arbitrary<Duration> duration = Arbitraries.of(15, 30, 45, 60, 90).map(Duration::ofMinutes);
        Arbitrary<Integer> stepChoice = Arbitraries.of(0, 10, 15);
        Arbitrary<Integer> nowMinutesBefore = Arbitraries.integers().between(0, 24 * 60)
                                                         .withDistribution(net.jqwik.api.RandomDistribution.uniform());
        return Combinators.combine(fromFiveMinutes, hours, duration, stepChoice, nowMinutesBefore)
                          .as((from, length, slot, step, before) -> {
                              Instant start = base.midnight().plus(Duration.ofMinutes(5L * from));
                              return new FreeSlots.Search(start, start.plus(Duration.ofHours(length)), slot,
                                      step == 0 ? slot : Duration.ofMinutes(step), base.midnight().minus(Duration.ofMinutes(before)),
                                      500);
                          });
    }

    private static AppointmentId appointmentId() {
        return new AppointmentId(UUID.randomUUID());
    }
}
