package dev.scheduling.app.privacy;

import dev.scheduling.app.SchedulingApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsProfileNeedsSharedKeyEncryptionKeyTest {

    @Test
    void the_aws_profile_does_not_start_without_a_shared_key_encryption_key() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SchedulingApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.profiles.active=aws", "--scheduling.security.mode=jwt",
                        "--scheduling.security.jwt.issuer-uri=https://issuer.example"))
                .hasMessageContaining("The aws profile needs a key-encryption key shared by every node");
    }

    @Test
    void a_blank_key_counts_as_none() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SchedulingApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.profiles.active=aws", "--scheduling.security.mode=jwt",
                        "--scheduling.security.jwt.issuer-uri=https://issuer.example",
                        "--scheduling.personal-data.key-encryption-key= "))
                .hasMessageContaining("The aws profile needs a key-encryption key shared by every node");
    }
}
