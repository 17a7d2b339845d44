package dev.scheduling.domain.visit;

/** What a visit's command answers: the visit as it stands after it, and whether this command created it. */
public record VisitOutcome(VisitState visit, boolean created) {
}
