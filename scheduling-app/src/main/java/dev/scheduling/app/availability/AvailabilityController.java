package dev.scheduling.app.availability;

import dev.scheduling.app.calendar.CalendarCommands;
import dev.scheduling.app.calendar.RequestMetadata;
import dev.scheduling.app.security.CallerAuthentication;
import dev.scheduling.app.web.RequestFields;
import dev.scheduling.domain.calendar.AvailabilityRules;
import dev.scheduling.domain.calendar.RemoveAvailability;
import dev.scheduling.domain.calendar.SetAvailability;
import dev.scheduling.domain.calendar.UserId;
import dev.scheduling.projections.calendars.AvailabilityView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * A calendar's availability rules: set whole (one command, one event, checked by the calendar on every booking from
 * then on), read back, removed. Setting and removing: the owner, the front desk, an admin (the filter chain decides).
 */
@RestController
@RequestMapping("/users/{userId}/availability")
public class AvailabilityController {

    private final CalendarCommands commands;
    private final AvailabilityReads reads;
    private final CalendarVisibility visibility;

    public AvailabilityController(CalendarCommands commands, AvailabilityReads reads, CalendarVisibility visibility) {
        this.commands = commands;
        this.reads = reads;
        this.visibility = visibility;
    }

    @Operation(summary = "Set a calendar's availability rules, whole",
               description = "200 with the rules as stored. Booking and rescheduling are checked against them from "
                       + "this answer on; appointments already booked stay. 400 names every invalid field.")
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public AvailabilityDocument set(@PathVariable("userId") String userId, @RequestBody AvailabilityDocument body,
                                    CallerAuthentication caller, HttpServletRequest request) {
        RequestFields fields = new RequestFields();
        UserId calendar = fields.userId(userId);
        AvailabilityRules rules = body.toRules(fields);
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();

        commands.send(new SetAvailability(calendar, rules), metadata);
        return AvailabilityDocument.of(rules);
    }

    @Operation(summary = "A calendar's availability rules",
               description = "From the read model, so moments behind a change. 404 availability-not-set when the "
                       + "calendar has none. The owner and staff; anyone authenticated when the rules are published.")
    @GetMapping
    public AvailabilityDocument get(@PathVariable("userId") String userId, CallerAuthentication caller) {
        RequestFields fields = new RequestFields();
        UserId calendar = fields.userId(userId);
        fields.validate();
        visibility.require(caller.caller(), List.of(calendar.value()));

        AvailabilityView view = reads.rules(calendar.value());
        if (view.rules() == null) {
            throw new AvailabilityNotSetException(calendar.value());
        }
        return AvailabilityDocument.of(view.rules());
    }

    @Operation(summary = "Remove a calendar's availability rules", description = "204: open at all times again.")
    @DeleteMapping
    public ResponseEntity<Void> remove(@PathVariable("userId") String userId, CallerAuthentication caller,
                                       HttpServletRequest request) {
        RequestFields fields = new RequestFields();
        UserId calendar = fields.userId(userId);
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();

        // no calendar at all: nothing to remove, and nothing is made
        commands.sendToExisting(new RemoveAvailability(calendar), metadata);
        return ResponseEntity.noContent().build();
    }
}
