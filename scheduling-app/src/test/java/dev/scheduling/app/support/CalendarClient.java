package dev.scheduling.app.support;

import dev.scheduling.app.support.Api.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One user's calendar as a test uses it over HTTP, with the paths written once:
 * {@code api.calendar("alice").book(Bookings.at(start, HOUR))}, {@code .reschedule(id, Bookings.at(later, HOUR))},
 * {@code .cancel(id)}, {@code .get(id)}, {@code .list(Map.of("from", ...))}, {@code .history()}.
 * Each call answers the {@link Response} as it came; hand-built paths stay for tests of paths themselves.
 */
public final class CalendarClient {

    private final Api api;
    private final String user;

    CalendarClient(Api api, String user) {
        this.api = api;
        this.user = user;
    }

    /** {@code /users/<user>/appointments}, for what the client does not cover. */
    public String appointments() {
        return "/users/" + user + "/appointments";
    }

    public Response book(Bookings booking) {
        return api.post(appointments()).json(booking.json()).send();
    }

    public Response book(Bookings booking, String idempotencyKey) {
        return api.post(appointments()).json(booking.json()).header("Idempotency-Key", idempotencyKey).send();
    }

    /** Books and answers the new appointment's id, failing the test unless it was booked (201). */
    public String booked(Bookings booking) {
        Response response = book(booking);
        if (response.status() != 201) {
            throw new AssertionError("booking on " + user + " answered " + response.status() + ": " + response.body());
        }
        return response.json().path("id").asText();
    }

    /** Moves the appointment to the slot of {@code slot} (its start and end; nothing else may be set). */
    public Response reschedule(String appointmentId, Bookings slot) {
        return api.post(appointments() + "/" + appointmentId + "/reschedule").json(slot.json()).send();
    }

    public Response cancel(String appointmentId) {
        return api.delete(appointments() + "/" + appointmentId).send();
    }

    public Response cancel(String appointmentId, String reason) {
        return api.delete(appointments() + "/" + appointmentId + "?reason=" + encode(reason)).send();
    }

    public Response get(String appointmentId) {
        return api.get(appointments() + "/" + appointmentId).send();
    }

    public Response list() {
        return api.get(appointments()).send();
    }

    /** The listing with these query parameters ({@code from}, {@code to}, {@code status}, {@code pageSize} ...). */
    public Response list(Map<String, String> parameters) {
        return api.get(appointments() + query(parameters)).send();
    }

    public Response history() {
        return api.get("/users/" + user + "/history").send();
    }

    public Response history(Map<String, String> parameters) {
        return api.get("/users/" + user + "/history" + query(parameters)).send();
    }

    public Response erase() {
        return api.post("/users/" + user + "/erasure").send();
    }

    private static String query(Map<String, String> parameters) {
        return parameters.isEmpty() ? "" : parameters.entrySet().stream()
                .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
