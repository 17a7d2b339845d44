package dev.scheduling.app.readmodel;

import dev.scheduling.app.readmodel.ProjectionReplays.ProjectionStatus;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Replays a projection from the event store and shows how far it is. */
@RestController
@RequestMapping("/admin/projections")
public class ProjectionAdminController {

    private final ProjectionReplays replays;

    public ProjectionAdminController(ProjectionReplays replays) {
        this.replays = replays;
    }

    @Operation(summary = "Rebuild a projection from the event store",
               description = "Stops the projection, clears what it wrote, and replays every event; 202 at once, "
                       + "then GET shows the progress.")
    @PostMapping("/{name}/replay")
    public ResponseEntity<ProjectionStatus> replay(@PathVariable("name") String name) {
        ProjectionStatus status = replays.replay(name);
        return ResponseEntity.accepted().location(URI.create("/admin/projections/" + name)).body(status);
    }

    @Operation(summary = "A projection's state: running, replaying, its position against the head of the event store")
    @GetMapping("/{name}")
    public ProjectionStatus status(@PathVariable("name") String name) {
        return replays.status(name);
    }
}
