package dev.scheduling.app.web;

import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;

/**
 * One kind of problem the service answers with: its HTTP status, its stable code (the last part of the problem's
 * {@code type}, and its {@code code} member), its title, and for a refused value the request field it belongs to.
 *
 * @param field set where the problem is also a field error of the request, so a form can show it where it belongs
 */
public record ProblemType(HttpStatus status, String code, String title, @Nullable String field) {

    /** A problem titled with its status's reason phrase (of the status constant first declared for its code). */
    static ProblemType plain(HttpStatus status, String code) {
        return new ProblemType(status, code, HttpStatus.valueOf(status.value()).getReasonPhrase(), null);
    }

    static ProblemType titled(HttpStatus status, String code, String title) {
        return new ProblemType(status, code, title, null);
    }
}
