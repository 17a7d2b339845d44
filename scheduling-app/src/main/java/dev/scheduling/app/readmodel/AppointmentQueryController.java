package dev.scheduling.app.readmodel;

import dev.scheduling.domain.calendar.AppointmentId;
import dev.scheduling.domain.calendar.AppointmentNotFoundException;
import dev.scheduling.domain.calendar.UserId;
import dev.scheduling.projections.appointments.AppointmentPage;
import dev.scheduling.projections.appointments.AppointmentView;
import dev.scheduling.projections.appointments.FindAppointment;
import dev.scheduling.projections.appointments.FindAppointments;
import dev.scheduling.projections.appointments.PageToken;
import dev.scheduling.projections.appointments.StatusFilter;
import io.swagger.v3.oas.annotations.Operation;
import dev.scheduling.app.web.RequestFields;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/** Calendar reads, answered from the DynamoDB read model through Axon's query bus. */
@RestController
@RequestMapping("/users/{userId}/appointments")
public class AppointmentQueryController {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    private final AppointmentReads reads;

    public AppointmentQueryController(AppointmentReads reads) {
        this.reads = reads;
    }

    @Operation(summary = "List a user's appointments",
               description = "Appointments overlapping [from, to) (either may be left out), sorted by start; status "
                       + "BOOKED (default), CANCELLED or ALL; pageSize 1-200 (default 50); pageToken from the "
                       + "previous page's nextPageToken.")
    @GetMapping
    public AppointmentPage list(@PathVariable("userId") String userId,
                                @RequestParam(name = "from", required = false) String from,
                                @RequestParam(name = "to", required = false) String to,
                                @RequestParam(name = "status", required = false) String status,
                                @RequestParam(name = "pageSize", required = false) String pageSize,
                                @RequestParam(name = "pageToken", required = false) String pageToken) {
        RequestFields fields = new RequestFields();
        UserId user = fields.userId(userId);
        RequestFields.TimeRange range = fields.timeRange(from, to, false);
        Optional<StatusFilter> statusFilter = StatusFilter.parse(status);
        if (statusFilter.isEmpty()) {
            fields.reject("status", "must be BOOKED, CANCELLED or ALL");
        }
        int size = fields.pageSize(pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        Optional<PageToken> token = Optional.empty();
        if (pageToken != null) {
            token = PageToken.decode(pageToken);
            if (token.isEmpty()) {
                fields.reject("pageToken", "is not a page token this service issued");
            }
        }
        fields.validate();

        var query = new FindAppointments(user.toString(), range.from(), range.to(), statusFilter.get(), size,
                token.orElse(null));
        return reads.list(query);
    }

    @Operation(summary = "One appointment, with its status and the reminders sent")
    @GetMapping("/{appointmentId}")
    public AppointmentView one(@PathVariable("userId") String userId,
                               @PathVariable("appointmentId") String appointmentId) {
        RequestFields fields = new RequestFields();
        UserId user = fields.userId(userId);
        AppointmentId id = fields.appointmentId(appointmentId);
        fields.validate();

        Optional<AppointmentView> found = reads.one(new FindAppointment(user.toString(), id.toString()));
        return found.orElseThrow(() -> new AppointmentNotFoundException(id));
    }
}
