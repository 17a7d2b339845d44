package dev.scheduling.app.security;

import dev.scheduling.app.SchedulingApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Local mode stays on this machine: loopback by default, never behind forwarded headers or with the aws profile. */
class LocalModeGuardTest {

    @Test
    void the_aws_profile_does_not_start_in_local_mode() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SchedulingApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.profiles.active=aws", "--scheduling.security.mode=local"))
                .hasMessageContaining("The aws profile refuses scheduling.security.mode=local");
    }

    @Test
    void local_mode_listens_on_loopback_unless_an_address_is_set() {
        assertThat(guarded(Map.of()).getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(guarded(Map.of("server.address", "0.0.0.0")).getProperty("server.address")).isEqualTo("0.0.0.0");
    }

    @Test
    void jwt_mode_keeps_the_default_address() {
        assertThat(guarded(Map.of("scheduling.security.mode", "jwt")).getProperty("server.address")).isNull();
    }

    @Test
    void local_mode_refuses_forwarded_headers() {
        assertThatThrownBy(() -> guarded(Map.of("server.forward-headers-strategy", "native")))
                .hasMessageContaining("server.forward-headers-strategy=native");
        assertThatThrownBy(() -> guarded(Map.of("server.forward-headers-strategy", "framework")))
                .hasMessageContaining("honours forwarded headers");
    }

    @Test
    void local_mode_refuses_a_cloud_platform_where_forwarded_headers_are_honoured_by_default() {
        assertThatThrownBy(() -> guarded(Map.of("spring.main.cloud-platform", "kubernetes")))
                .hasMessageContaining("KUBERNETES");
    }

    @Test
    void an_explicit_setting_lets_local_mode_run_beyond_this_machine() {
        var environment = guarded(Map.of("server.forward-headers-strategy", "native",
                "scheduling.security.local.allow-beyond-this-machine", "true"));

        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    private static StandardEnvironment guarded(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", new HashMap<>(settings)));
        new LocalModeGuard().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
