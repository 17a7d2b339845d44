package dev.scheduling.app.availability;

import dev.scheduling.app.SchedulingProperties;
import dev.scheduling.app.security.CallerAuthentication;
import dev.scheduling.app.web.RequestFields;
import dev.scheduling.domain.calendar.FreeSlots;
import dev.scheduling.domain.calendar.TimeSlot;
import dev.scheduling.domain.calendar.UserId;
import dev.scheduling.projections.calendars.FindSchedules;
import dev.scheduling.projections.calendars.Schedules;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Slot search and free/busy, from the read model: a calendar's rules and its appointments in the range (one query
 * each), searched by the rules the calendar books by ({@link FreeSlots}). The answer may lag a booking by moments; a
 * booking still checks every rule.
 */
@RestController
public class SlotController {

    static final Duration MAX_RANGE = Duration.ofDays(31);
    static final int MAX_CALENDARS = 20;
    static final int MAX_SLOTS = 500;
    static final Duration SHORTEST = Duration.ofMinutes(1);

    /** Slots on a grid of {@code step} from each window's start. */
    public record SlotView(Instant start, Instant end) {

        static List<SlotView> of(List<TimeSlot> slots) {
            return slots.stream().map(slot -> new SlotView(slot.start(), slot.end())).toList();
        }
    }

    public record SlotsResponse(List<SlotView> slots) {
    }

    public record BusyResponse(List<SlotView> busy) {
    }

    private final AvailabilityReads reads;
    private final CalendarVisibility visibility;
    private final Duration longestAppointment;
    private final Clock clock;

    public SlotController(AvailabilityReads reads, CalendarVisibility visibility, SchedulingProperties properties,
                          Clock clock) {
        this.reads = reads;
        this.visibility = visibility;
        this.longestAppointment = properties.maxAppointmentDuration();
        this.clock = clock;
    }

    @Operation(summary = "Free slots of a calendar",
               description = "Slots of `duration` in [from, to) (at most 31 days) inside the calendar's open hours, "
                       + "clear of its appointments and buffers, within its notice and horizon from now; starting on "
                       + "`step` (default: the duration) from each window's start; at most `limit` (1-500).")
    @GetMapping("/users/{userId}/slots")
    public SlotsResponse slotsOf(@PathVariable("userId") String userId,
                                 @RequestParam(name = "from", required = false) String from,
                                 @RequestParam(name = "to", required = false) String to,
                                 @RequestParam(name = "duration", required = false) String duration,
                                 @RequestParam(name = "step", required = false) String step,
                                 @RequestParam(name = "limit", required = false) String limit,
                                 CallerAuthentication caller) {
        return search(List.of(userId), from, to, duration, step, limit, caller);
    }

    @Operation(summary = "Slots free on every one of several calendars",
               description = "`calendars`: up to 20 ids, comma-separated; `limit=1` is the next slot free on all of "
                       + "them. Otherwise as for one calendar.")
    @GetMapping("/slots")
    public SlotsResponse slotsOfAll(@RequestParam(name = "calendars", required = false) String calendars,
                                    @RequestParam(name = "from", required = false) String from,
                                    @RequestParam(name = "to", required = false) String to,
                                    @RequestParam(name = "duration", required = false) String duration,
                                    @RequestParam(name = "step", required = false) String step,
                                    @RequestParam(name = "limit", required = false) String limit,
                                    CallerAuthentication caller) {
        RequestFields fields = new RequestFields();
        List<String> ids = calendars(fields, calendars);
        fields.validate();
        return search(ids, from, to, duration, step, limit, caller);
    }

    @Operation(summary = "Busy times of a calendar",
               description = "Its appointments in [from, to) (at most 31 days), merged and cut to the range: no ids, "
                       + "titles or locations.")
    @GetMapping("/users/{userId}/busy")
    public BusyResponse busy(@PathVariable("userId") String userId,
                             @RequestParam(name = "from", required = false) String from,
                             @RequestParam(name = "to", required = false) String to,
                             CallerAuthentication caller) {
        RequestFields fields = new RequestFields();
        UserId calendar = fields.userId(userId);
        fields.validate();
        visibility.require(caller.caller(), List.of(calendar.value()));
        RequestFields.TimeRange range = range(fields, from, to);
        fields.validate();

        Schedules.Schedule schedule = reads.schedules(new FindSchedules(List.of(calendar.value()), range.from(),
                range.to())).calendars().get(0);
        return new BusyResponse(SlotView.of(FreeSlots.busyBetween(schedule.busy(), range.from(), range.to())));
    }

    private SlotsResponse search(List<String> calendarIds, String from, String to, String duration, String step,
                                 String limit, CallerAuthentication caller) {
        RequestFields fields = new RequestFields();
        calendarIds.forEach(fields::userId);
        fields.validate();
        visibility.require(caller.caller(), calendarIds);
        RequestFields.TimeRange range = range(fields, from, to);
        Duration length = duration(fields, "duration", duration, true);
        Duration grid = duration(fields, "step", step, false);
        int most = fields.count("limit", limit, MAX_SLOTS, MAX_SLOTS);
        fields.validate();

        Schedules schedules = reads.schedules(new FindSchedules(calendarIds, range.from(), range.to()));
        List<FreeSlots.Calendar> searched = schedules.calendars().stream()
                .map(schedule -> new FreeSlots.Calendar(schedule.rules(), schedule.busy())).toList();
        FreeSlots.Search search = new FreeSlots.Search(range.from(), range.to(), length, grid == null ? length : grid,
                clock.instant(), most);
        return new SlotsResponse(SlotView.of(FreeSlots.find(searched, search)));
    }

    private static RequestFields.TimeRange range(RequestFields fields, String from, String to) {
        RequestFields.TimeRange range = fields.timeRange(from, to, true);
        if (range.from() != null && range.to() != null && Duration.between(range.from(), range.to()).compareTo(MAX_RANGE) > 0) {
            fields.reject("to", "must be at most 31 days after from");
        }
        return range;
    }

    private Duration duration(RequestFields fields, String field, String value, boolean required) {
        if (value == null) {
            return required ? fields.reject(field, "is required, an ISO-8601 duration such as PT30M") : null;
        }
        Duration parsed;
        try {
            parsed = Duration.parse(value);
        } catch (DateTimeParseException | ArithmeticException e) {
            return fields.reject(field, "must be an ISO-8601 duration such as PT30M");
        }
        if (parsed.compareTo(SHORTEST) < 0 || parsed.compareTo(longestAppointment) > 0) {
            return fields.reject(field, "must be from PT1M to " + longestAppointment);
        }
        return parsed;
    }

    /** The ids of {@code calendars}, comma-separated, each once; a wrong one is recorded in {@code fields}. */
    private static List<String> calendars(RequestFields fields, String calendars) {
        if (calendars == null || calendars.isBlank()) {
            return fields.reject("calendars", "is required: 1 to " + MAX_CALENDARS + " calendar ids, comma-separated");
        }
        Set<String> ids = new LinkedHashSet<>(List.of(calendars.split(",", -1)));
        if (ids.size() > MAX_CALENDARS) {
            return fields.reject("calendars", "may name at most " + MAX_CALENDARS + " calendars");
        }
        if (!ids.stream().allMatch(UserId::isValid)) {
            return fields.reject("calendars", "holds an id that is not valid: each " + UserId.RULE);
        }
        return List.copyOf(ids);
    }
}
