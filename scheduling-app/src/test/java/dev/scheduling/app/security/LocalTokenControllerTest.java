package dev.scheduling.app.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Only callers on this machine get local tokens, by their connection's peer address (the ITs can only call from
 * loopback, so a caller from elsewhere is proven here; LocalModeIT proves over HTTP that forwarding headers are not
 * read).
 */
class LocalTokenControllerTest {

    @TempDir
    Path dataDir;

    private LocalTokenController controller() {
        var properties = new SecurityProperties(SecurityProperties.Mode.LOCAL, "sub", "roles", "client_id", "scheduling/",
                Duration.ofSeconds(30), new SecurityProperties.Local("urn:scheduling:local", Duration.ofDays(1)),
                new SecurityProperties.Jwt(null, null, null, null, "access"),
                new SecurityProperties.RateLimits(true, 30, 300, 3000, 30000),
                new SecurityProperties.VerifiedTokens(4096, Duration.ofMinutes(5)));
        return new LocalTokenController(LocalIssuer.loadOrCreate(dataDir, "urn:scheduling:local", Clock.systemUTC()),
                properties);
    }

    private static MockHttpServletRequest from(String peer) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/local/tokens");
        request.setRemoteAddr(peer);
        request.setAttribute(PeerAddress.ATTRIBUTE, peer);
        return request;
    }

    @Test
    void a_caller_from_another_machine_is_refused() {
        var body = new LocalTokenController.TokenRequest("alice", List.of("admin"), null);
        assertThatThrownBy(() -> controller().issue(body, from("203.0.113.7")))
                .isInstanceOf(LocalTokensRefusedException.class);
        assertThatThrownBy(() -> controller().issue(body, from("2001:db8::7")))
                .isInstanceOf(LocalTokensRefusedException.class);
    }

    @Test
    void a_caller_from_another_machine_that_a_forwarding_header_makes_look_local_is_refused() {
        MockHttpServletRequest forwarded = from("203.0.113.7");
        forwarded.setRemoteAddr("127.0.0.1"); // what X-Forwarded-For: 127.0.0.1 makes of it behind a proxy
        var body = new LocalTokenController.TokenRequest("alice", List.of("admin"), null);

        assertThatThrownBy(() -> controller().issue(body, forwarded)).isInstanceOf(LocalTokensRefusedException.class);
    }

    @Test
    void callers_on_loopback_get_a_token() {
        var body = new LocalTokenController.TokenRequest("alice", List.of(), "PT5M");
        assertThat(controller().issue(body, from("127.0.0.1")).getBody().expiresIn()).isEqualTo(300);
        assertThat(controller().issue(body, from("::1")).getBody().tokenType()).isEqualTo("Bearer");
    }
}
