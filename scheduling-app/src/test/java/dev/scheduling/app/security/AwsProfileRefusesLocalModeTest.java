package dev.scheduling.app.security;

import dev.scheduling.app.SchedulingApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsProfileRefusesLocalModeTest {

    @Test
    void the_aws_profile_does_not_start_in_local_mode() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SchedulingApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.profiles.active=aws", "--scheduling.security.mode=local"))
                .hasMessageContaining("The aws profile refuses scheduling.security.mode=local");
    }
}
