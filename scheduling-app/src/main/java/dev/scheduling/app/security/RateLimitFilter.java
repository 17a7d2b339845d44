package dev.scheduling.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.scheduling.app.web.Problems;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/**
 * Per-caller rate limits: a token bucket per subject and kind of request (commands apart from reads), refilled whole
 * each minute from the caller's first request (fixed windows: what a caller may do in a minute is exactly the limit,
 * and a test of it does not depend on how fast the machine is), with a staff caller's bucket larger than a user's. Runs right after authentication, so
 * every authenticated request counts, refused ones too, and a request over the limit answers {@code 429} before
 * anything else happens. Buckets live in this node's memory: a cluster of n nodes allows up to n times the limit.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** An idle bucket is full again after a minute: forgetting it then changes nothing. */
    private static final Duration REFILL_PERIOD = Duration.ofMinutes(1);
    private static final long MAX_CALLERS = 100_000;

    private final SecurityProperties.RateLimits limits;
    private final ObjectMapper json;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(REFILL_PERIOD)
                                                          .maximumSize(MAX_CALLERS).build();

    RateLimitFilter(SecurityProperties.RateLimits limits, ObjectMapper json) {
        this.limits = limits;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication authentication)) {
            chain.doFilter(request, response);
            return;
        }
        Caller caller = authentication.caller();
        boolean read = READ_METHODS.contains(request.getMethod());
        int perMinute = caller.isStaff()
                ? (read ? limits.staffReadsPerMinute() : limits.staffCommandsPerMinute())
                : (read ? limits.userReadsPerMinute() : limits.userCommandsPerMinute());
        Bucket bucket = buckets.get((read ? "read:" : "command:") + caller.isStaff() + ":" + caller.subject(),
                key -> Bucket.builder().addLimit(limit -> limit.capacity(perMinute)
                                                               .refillIntervally(perMinute, REFILL_PERIOD)).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfterSeconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999) / 1_000_000_000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        Problems.write(response, json, Problems.of(Problems.RATE_LIMITED,
                "At most " + perMinute + (read ? " reads" : " commands") + " a minute; try again in "
                        + retryAfterSeconds + " s"));
    }
}
