package dev.scheduling.app.web;

/** One thing wrong with a request: which field (body property, path variable, query parameter or header) and why. */
public record FieldError(String field, String message) {
}
