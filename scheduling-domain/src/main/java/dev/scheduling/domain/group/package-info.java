/**
 * The events of appointments of several calendars as the booking process wrote them before visits were decided in
 * one transaction ({@code dev.scheduling.domain.visit}): a request, a hold counted per calendar, an outcome, moves.
 * They are kept only so that those streams still load and their history still reads as it was written; nothing
 * writes them any more, and {@link dev.scheduling.domain.visit.VisitState} folds them into a visit.
 */
package dev.scheduling.domain.group;
