package dev.scheduling.projections.appointments;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A stand-in for the application's cipher in this module's tests: seals a value as an opaque text that names its users
 * and field, so that a test sees the table hold no plain text, and can erase a user.
 */
final class ReversibleSeal implements PersonalFields {

    private static final String PREFIX = "sealed:";
    private final Set<String> erased = new HashSet<>();

    void erase(String userId) {
        erased.add(userId);
    }

    @Override
    public Texts seal(List<String> userIds, Texts plain) {
        if (userIds.stream().anyMatch(erased::contains)) {
            return Texts.NONE;
        }
        String users = String.join(",", userIds);
        return new Texts(seal(users, "title", plain.title()), seal(users, "location", plain.location()));
    }

    @Override
    public Texts open(Texts sealed) {
        return new Texts(open("title", sealed.title()), open("location", sealed.location()));
    }

    private static String seal(String users, String field, String plain) {
        return plain == null ? null : PREFIX + Base64.getEncoder().encodeToString((users + "\n" + field + "\n" + plain)
                .getBytes(StandardCharsets.UTF_8));
    }

    private String open(String field, String sealed) {
        if (sealed == null) {
            return null;
        }
        if (!sealed.startsWith(PREFIX)) {
            throw new IllegalStateException(field + " stored unsealed");
        }
        String[] parts = new String(Base64.getDecoder().decode(sealed.substring(PREFIX.length())), StandardCharsets.UTF_8)
                .split("\n", 3);
        if (!parts[1].equals(field)) {
            throw new IllegalStateException("a sealed " + parts[1] + " read as " + field);
        }
        return Arrays.stream(parts[0].split(",")).anyMatch(erased::contains) ? null : parts[2];
    }
}
