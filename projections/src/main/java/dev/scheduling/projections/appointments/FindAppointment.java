package dev.scheduling.projections.appointments;

/** One appointment of a user; none if it does not exist or belongs to another user. */
public record FindAppointment(String userId, String appointmentId) {
}
