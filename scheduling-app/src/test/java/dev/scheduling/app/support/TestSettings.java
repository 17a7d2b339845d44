package dev.scheduling.app.support;

import java.util.Map;

/** Settings every service started by the tests gets unless a test sets them itself. */
final class TestSettings {

    /**
     * The load and race tests drive one caller far past any sensible per-caller limit (the limits themselves are
     * proven by {@code AbuseLimitsIT}, which sets its own); and every node and restart on one database must share one
     * key-encryption key, as in production, where a node with another one could not open the users' data keys.
     */
    static final Map<String, String> DEFAULTS = Map.of(
            "scheduling.personal-data.key-encryption-key", "dGVzdC1rZXktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=",
            "scheduling.security.rate-limits.user-commands-per-minute", "10000000",
            "scheduling.security.rate-limits.user-reads-per-minute", "10000000",
            "scheduling.security.rate-limits.staff-commands-per-minute", "10000000",
            "scheduling.security.rate-limits.staff-reads-per-minute", "10000000");

    private TestSettings() {
    }
}
