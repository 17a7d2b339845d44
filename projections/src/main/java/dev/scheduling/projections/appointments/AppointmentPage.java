package dev.scheduling.projections.appointments;

import java.util.List;

/** A page of appointments; {@code nextPageToken} is null on the last page. */
public record AppointmentPage(List<AppointmentView> appointments, String nextPageToken) {
}
