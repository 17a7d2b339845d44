package dev.scheduling.projections.appointments;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

import java.util.List;
import java.util.Objects;

/**
 * One appointment in the {@code appointments} table. Times are fixed-width UTC strings; {@code version} is the
 * calendar's sequence number of the last event applied, which makes every write idempotent. Fields are boxed so
 * that a partial item (nulls) updates only what it sets.
 */
@DynamoDbBean
public class AppointmentItem {

    public static final String BY_USER_AND_START = "userId-start-index";

    private String appointmentId;
    private String userId;
    private String start;
    private String end;
    private String status;
    private String title;
    private String location;
    private String timeZone;
    private List<String> remindersSent;
    /** Every calendar of an appointment of several, as {@code calendarId:role}; absent for one of its calendar alone. */
    private List<String> participants;
    private String createdAt;
    private String updatedAt;
    private Long version;

    @DynamoDbPartitionKey
    public String getAppointmentId() {
        return appointmentId;
    }

    public void setAppointmentId(String appointmentId) {
        this.appointmentId = appointmentId;
    }

    /** The calendar: with the appointment's id, the item's key (one appointment may be on several calendars). */
    @DynamoDbSortKey
    @DynamoDbSecondaryPartitionKey(indexNames = BY_USER_AND_START)
    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_USER_AND_START)
    public String getStart() {
        return start;
    }

    public void setStart(String start) {
        this.start = start;
    }

    public String getEnd() {
        return end;
    }

    public void setEnd(String end) {
        this.end = end;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public List<String> getRemindersSent() {
        return remindersSent;
    }

    public void setRemindersSent(List<String> remindersSent) {
        this.remindersSent = remindersSent;
    }

    public List<String> getParticipants() {
        return participants;
    }

    public void setParticipants(List<String> participants) {
        this.participants = participants;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppointmentItem that && Objects.equals(appointmentId, that.appointmentId)
                && Objects.equals(userId, that.userId)
                && Objects.equals(userId, that.userId) && Objects.equals(start, that.start)
                && Objects.equals(end, that.end) && Objects.equals(status, that.status)
                && Objects.equals(title, that.title) && Objects.equals(location, that.location)
                && Objects.equals(timeZone, that.timeZone) && Objects.equals(remindersSent, that.remindersSent)
                && Objects.equals(createdAt, that.createdAt) && Objects.equals(updatedAt, that.updatedAt)
                && Objects.equals(version, that.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(appointmentId, userId, version);
    }

    @Override
    public String toString() {
        return "AppointmentItem[" + appointmentId + " of " + userId + ", " + start + " to " + end + ", " + status
                + ", v" + version + "]";
    }
}
