package dev.scheduling.app.visit;

import java.util.List;

/**
 * Body of {@code POST /appointments}. Times are strings here so that a time without an offset gets a precise field
 * error. {@code overrideAvailability}: book outside the calendars' hours, notice and horizon (front desk and admin
 * only); never an overlap. {@code holdId}: book the slot a hold keeps ({@code POST /holds}) instead, as the
 * appointment of the hold's id; participants, start and end may then be left out (given, they must be the hold's).
 */
public record VisitRequest(List<ParticipantRequest> participants, String start, String end, String title,
                           String location, String timeZone, Boolean overrideAvailability, String holdId) {

    /** One calendar taking part: {@code role} is practitioner, patient, location, device or other. */
    public record ParticipantRequest(String calendarId, String role) {
    }
}
