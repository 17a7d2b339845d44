package dev.scheduling.app.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scheduling.app.web.RequestFields;
import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.UserId;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalLong;

/** What auditors ask, answered from the event store: the history of a calendar, and the calendar at an instant. */
@RestController
public class AuditController {

    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private final CalendarHistory history;
    private final AuditExport export;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditController(CalendarHistory history, AuditExport export, ObjectMapper json,
                           Clock clock) {
        this.history = history;
        this.export = export;
        this.json = json;
        this.clock = clock;
    }

    @Operation(summary = "A calendar's events, in order",
               description = "Each with sequence, type, time, actor, correlation id and payload; filtered by "
                       + "[from, to) and appointmentId; pages of pageSize (1-1000, default 100). With "
                       + "Accept: application/x-ndjson, every matching event is streamed, one JSON object a line.")
    @GetMapping("/users/{userId}/history")
    public ResponseEntity<?> history(@PathVariable("userId") String userId,
                                     @RequestParam(name = "from", required = false) String from,
                                     @RequestParam(name = "to", required = false) String to,
                                     @RequestParam(name = "appointmentId", required = false) String appointmentId,
                                     @RequestParam(name = "pageSize", required = false) String pageSize,
                                     @RequestParam(name = "pageToken", required = false) String pageToken,
                                     @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                     HttpServletResponse response) throws IOException {
        RequestFields fields = new RequestFields();
        UserId user = fields.userId(userId);
        RequestFields.TimeRange range = fields.timeRange(from, to, false);
        AppointmentId appointment = appointmentId == null ? null : fields.appointmentId(appointmentId);
        int size = fields.pageSize(pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        OptionalLong fromSequence = OptionalLong.of(0);
        if (pageToken != null) {
            fromSequence = HistoryPageToken.decode(pageToken);
            if (fromSequence.isEmpty()) {
                fields.reject("pageToken", "is not a page token this service issued");
            }
        }
        fields.validate();

        var filter = new CalendarHistory.Filter(range.from(), range.to(),
                appointment == null ? null : appointment.toString());
        if (asksForNdjson(accept)) {
            // written here, line by line as the events are read: the declared return type cannot say "stream"
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(NDJSON.toString());
            OutputStream out = response.getOutputStream();
            history.stream(user, filter, entry -> {
                try {
                    out.write(json.writeValueAsBytes(entry));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.flush();
            return null;
        }
        long firstSequence = fromSequence.getAsLong();
        return ResponseEntity.ok(history.page(user, filter, firstSequence, size));
    }

    /** Only a client naming application/x-ndjson gets the stream; {@code *}/{@code *} (curl, browsers) gets JSON. */
    private static boolean asksForNdjson(String accept) {
        return accept != null && MediaType.parseMediaTypes(accept).stream()
                                          .anyMatch(type -> type.equalsTypeAndSubtype(NDJSON));
    }

    @Operation(summary = "The calendar as it stood at an instant",
               description = "Its booked appointments with the slots they had then, rebuilt from the events up to "
                       + "asOf (default: now).")
    @GetMapping("/users/{userId}/calendar")
    public CalendarAsOf calendar(@PathVariable("userId") String userId,
                                 @RequestParam(name = "asOf", required = false) String asOf) {
        RequestFields fields = new RequestFields();
        UserId user = fields.userId(userId);
        Instant instant = asOf == null ? clock.instant() : fields.instant("asOf", asOf);
        fields.validate();
        return history.asOf(user, instant);
    }

    @Operation(summary = "Every event of every calendar in [from, to), in global order, as newline-delimited JSON")
    @GetMapping(path = "/admin/audit/export", produces = "application/x-ndjson")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(name = "from", required = false) String from,
                                                        @RequestParam(name = "to", required = false) String to) {
        RequestFields fields = new RequestFields();
        RequestFields.TimeRange range = fields.timeRange(from, to, true);
        fields.validate();
        // streamed on a thread of Spring MVC's after the status is sent: a failure can only cut the stream short
        return ResponseEntity.ok().contentType(NDJSON)
                             .body(out -> export.exportForRequest(range.from(), range.to(), out));
    }
}
