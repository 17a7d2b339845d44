package dev.scheduling.app.calendar;

import dev.scheduling.domain.calendar.CalendarError;
import dev.scheduling.domain.visit.Refusal;

import java.util.List;
import java.util.Map;

/**
 * Why a command was refused, as it travels in a {@code CommandExecutionException}'s details: Axon wraps what a
 * handler throws, and on a distributed command bus only these details survive the trip.
 *
 * @param refusals each calendar that refused a visit ({@code participant-unavailable}); empty otherwise
 */
public record CommandFailure(CalendarError error, String message, Map<String, String> data, List<Refusal> refusals) {

    public CommandFailure(CalendarError error, String message, Map<String, String> data) {
        this(error, message, data, List.of());
    }
}
