package dev.scheduling.app.support;

import java.util.Map;

/** Settings every service started by the tests gets unless a test sets them itself. */
final class TestSettings {

    /**
     * The load and race tests drive one caller far past any sensible per-caller limit; the limits themselves are
     * proven by {@code RateLimitIT}, which sets its own.
     */
    static final Map<String, String> UNLIMITED_RATES = Map.of(
            "scheduling.security.rate-limits.user-commands-per-minute", "10000000",
            "scheduling.security.rate-limits.user-reads-per-minute", "10000000",
            "scheduling.security.rate-limits.staff-commands-per-minute", "10000000",
            "scheduling.security.rate-limits.staff-reads-per-minute", "10000000");

    private TestSettings() {
    }
}
