package dev.scheduling.app.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The aws profile never runs with the local issuer: a deployment whose issuer setting went missing must fail to
 * start, not fall back to tokens that anyone on the machine can mint. Checked before any bean exists.
 */
public class AwsProfileRefusesLocalMode implements EnvironmentPostProcessor {

    static final String MODE = "scheduling.security.mode";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String mode = environment.getProperty(MODE, "local");
        if (environment.acceptsProfiles(Profiles.of("aws")) && "local".equalsIgnoreCase(mode.trim())) {
            throw new IllegalStateException("The aws profile refuses " + MODE + "=local: set " + MODE + "=jwt and "
                    + "scheduling.security.jwt.issuer-uri (the core stack's output SecurityJwtIssuerUri)");
        }
    }
}
