package dev.scheduling.domain.calendar;

import dev.scheduling.domain.calendar.AvailabilityScenarios.Scenario;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calendar with random availability rules, around changes of the clocks in three zones: it accepts a booking or a
 * move exactly when the all-pairs {@link AvailabilityOracle} finds the slot open and free, and refuses it with the
 * oracle's code otherwise. Through Axon's command bus and event-sourcing repository, as the service runs it.
 */
class AvailabilityPropertiesTest {

    private static final Duration LONGEST = Duration.ofHours(24);
    private static final AtomicLong CALENDARS = new AtomicLong();
    private static Configuration axon;
    private static CommandGateway commands;

    @BeforeContainer
    static void startAxon() {
        axon = CalendarTestData.startedAxonWithCache(LONGEST);
        commands = axon.commandGateway();
    }

    @AfterContainer
    static void stopAxon() {
        axon.shutdown();
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return AvailabilityScenarios.scenarios();
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void a_booking_is_accepted_exactly_when_the_oracle_finds_the_slot_open_and_free(@ForAll("scenarios") Scenario scenario) {
        UserId calendar = calendarHolding(scenario);

        String expected = AvailabilityOracle.booking(scenario.rules(), scenario.appointments(), scenario.slot(),
                scenario.now());
        String actual = outcome(() -> commands.sendAndWait(new BookAppointment(calendar, newId(), scenario.slot(),
                AppointmentDetails.untitled(), scenario.now())));

        Statistics.label("booking").collect(actual);
        assertThat(actual).as("%s", scenario).isEqualTo(expected);
    }

    @Property(tries = 600, edgeCases = EdgeCasesMode.NONE)
    void a_move_is_accepted_exactly_when_the_oracle_finds_the_slot_open_and_free_of_the_others(
            @ForAll("scenarios") Scenario scenario) {
        List<AppointmentId> ids = new ArrayList<>();
        UserId calendar = calendarHolding(scenario, ids);
        int moving = firstNotStarted(scenario);
        if (moving < 0 || scenario.appointments().get(moving).equals(scenario.slot())) {
            Statistics.label("move").collect("nothing to move");
            return;
        }
        List<TimeSlot> others = new ArrayList<>(scenario.appointments());
        others.remove(moving);

        String expected = AvailabilityOracle.booking(scenario.rules(), others, scenario.slot(), scenario.now());
        String actual = outcome(() -> commands.sendAndWait(new RescheduleAppointment(calendar, ids.get(moving),
                scenario.slot(), scenario.now())));

        Statistics.label("move").collect(actual);
        assertThat(actual).as("%s", scenario).isEqualTo(expected);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void staff_overriding_the_rules_are_refused_only_for_an_overlap_or_a_buffer(@ForAll("scenarios") Scenario scenario) {
        UserId calendar = calendarHolding(scenario);
        String expected = scenario.slot().start().isBefore(scenario.now()) ? "start-in-past"
                : AvailabilityOracle.conflicts(scenario.rules(), scenario.appointments(), scenario.slot())
                  ? "appointment-overlap" : "accepted";

        String actual = outcome(() -> commands.sendAndWait(new BookAppointment(calendar, newId(), scenario.slot(),
                AppointmentDetails.untitled(), scenario.now(), true)));

        Statistics.label("override").collect(actual);
        assertThat(actual).as("%s", scenario).isEqualTo(expected);
    }

    /** A new calendar holding the scenario's appointments (booked before any rules), then the scenario's rules. */
    static UserId calendarHolding(Scenario scenario) {
        return calendarHolding(scenario, new ArrayList<>());
    }

    static UserId calendarHolding(Scenario scenario, List<AppointmentId> ids) {
        UserId calendar = new UserId("property-" + CALENDARS.incrementAndGet());
        Instant longBefore = scenario.now().minus(Duration.ofDays(30));
        for (TimeSlot slot : scenario.appointments()) {
            AppointmentId id = newId();
            ids.add(id);
            commands.sendAndWait(new BookAppointment(calendar, id, slot, AppointmentDetails.untitled(), longBefore));
        }
        if (scenario.rules() != null) {
            commands.sendAndWait(new SetAvailability(calendar, scenario.rules()));
        }
        return calendar;
    }

    /** "accepted", or the code the command was refused with. */
    static String outcome(Runnable command) {
        try {
            command.run();
            return "accepted";
        } catch (CalendarException refused) {
            return refused.error().code();
        }
    }

    static AppointmentId newId() {
        return new AppointmentId(UUID.randomUUID());
    }

    private static int firstNotStarted(Scenario scenario) {
        for (int i = 0; i < scenario.appointments().size(); i++) {
            if (scenario.appointments().get(i).start().isAfter(scenario.now())) {
                return i;
            }
        }
        return -1;
    }
}
