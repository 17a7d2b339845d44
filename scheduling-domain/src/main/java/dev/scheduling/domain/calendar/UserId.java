package dev.scheduling.domain.calendar;

import java.util.regex.Pattern;

/** Identifies a user and, with it, the user's calendar. */
public record UserId(String value) {

    /** 1-64 characters of {@code [A-Za-z0-9._-]}, not only dots: "." and ".." would be rewritten in a URL path. */
    private static final Pattern FORMAT = Pattern.compile("(?!\\.+$)[A-Za-z0-9._-]{1,64}");
    public static final String RULE = "must be 1-64 characters of A-Z, a-z, 0-9, '.', '_' or '-', and not only dots";

    public UserId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException("userId", RULE);
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** Axon takes an aggregate identifier's {@code toString()} as the identifier it stores. */
    @Override
    public String toString() {
        return value;
    }
}
