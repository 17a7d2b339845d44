package dev.scheduling.app.privacy;

import dev.scheduling.app.web.RequestFields;
import dev.scheduling.app.calendar.RequestMetadata;
import dev.scheduling.app.security.CallerAuthentication;
import dev.scheduling.domain.calendar.UserId;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The right to erasure: a user's titles, locations and reasons forgotten everywhere; ids, slots and times stay. */
@RestController
public class ErasureController {

    private final Erasures erasures;

    public ErasureController(Erasures erasures) {
        this.erasures = erasures;
    }

    /** {@code erased} is false when nothing was left to erase (an erasure repeated). */
    public record ErasureResponse(String userId, boolean erased) {
    }

    @Operation(summary = "Erase a user's personal data",
               description = "202: the user's key is destroyed and the erasure recorded before the answer; the read "
                       + "model and pending reminders follow within moments. Again: 202 with erased=false.")
    @PostMapping("/users/{userId}/erasure")
    public ResponseEntity<ErasureResponse> erase(@PathVariable("userId") String userId, CallerAuthentication caller,
                                                 HttpServletRequest request) {
        RequestFields fields = new RequestFields();
        UserId user = fields.userId(userId);
        RequestMetadata metadata = RequestMetadata.of(fields, caller, request);
        fields.validate();
        boolean erased = erasures.erase(user, metadata);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ErasureResponse(user.value(), erased));
    }
}
