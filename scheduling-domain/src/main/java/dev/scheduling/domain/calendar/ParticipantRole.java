package dev.scheduling.domain.calendar;

/** What a calendar is to an appointment: a person's (practitioner, patient, other) or a resource's. */
public enum ParticipantRole {
    PRACTITIONER, PATIENT, LOCATION, DEVICE, OTHER;

    /** People get reminders; rooms and devices do not. */
    public boolean isPerson() {
        return this != LOCATION && this != DEVICE;
    }
}
