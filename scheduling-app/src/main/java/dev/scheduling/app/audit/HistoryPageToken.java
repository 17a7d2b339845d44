package dev.scheduling.app.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;

/** Where a history listing goes on: the sequence number of the next event, opaque to clients. */
public final class HistoryPageToken {

    private static final String PREFIX = "history:";

    private HistoryPageToken() {
    }

    public static String encode(long nextSequence) {
        return Base64.getUrlEncoder().withoutPadding()
                     .encodeToString((PREFIX + nextSequence).getBytes(StandardCharsets.UTF_8));
    }

    public static OptionalLong decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(PREFIX)) {
                return OptionalLong.empty();
            }
            long sequence = Long.parseLong(text.substring(PREFIX.length()));
            return sequence >= 0 ? OptionalLong.of(sequence) : OptionalLong.empty();
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
