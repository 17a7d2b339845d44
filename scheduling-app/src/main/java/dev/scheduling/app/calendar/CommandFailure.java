package dev.scheduling.app.calendar;

import dev.scheduling.domain.calendar.CalendarError;

import java.util.Map;

/**
 * Why a command was refused, as it travels in a {@code CommandExecutionException}'s details: Axon wraps what a
 * handler throws, and on a distributed command bus only these details survive the trip.
 */
public record CommandFailure(CalendarError error, String message, Map<String, String> data) {
}
