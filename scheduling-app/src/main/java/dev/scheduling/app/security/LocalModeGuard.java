package dev.scheduling.app.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

import java.util.Map;

/**
 * The local mode's token issuer is for this machine only, so the local mode itself keeps to it. Checked before any
 * bean exists:
 * <ul>
 * <li>the {@code aws} profile never runs in local mode: a deployment whose issuer setting went missing must fail to
 * start, not fall back to tokens that anyone on the machine can mint;</li>
 * <li>in local mode the service listens on the loopback interface unless {@code server.address} says otherwise;</li>
 * <li>local mode refuses to start where forwarded headers are honoured ({@code server.forward-headers-strategy}) or on
 * a cloud platform Spring Boot recognises (where it honours them by itself), unless
 * {@code scheduling.security.local.allow-beyond-this-machine} is set: behind a proxy every caller looks local.</li>
 * </ul>
 */
public class LocalModeGuard implements EnvironmentPostProcessor {

    static final String MODE = "scheduling.security.mode";
    static final String ALLOW_BEYOND_THIS_MACHINE = "scheduling.security.local.allow-beyond-this-machine";
    private static final String LOOPBACK = "127.0.0.1";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String mode = environment.getProperty(MODE, "local");
        if (!"local".equalsIgnoreCase(mode.trim())) {
            return;
        }
        if (environment.acceptsProfiles(Profiles.of("aws"))) {
            throw new IllegalStateException("The aws profile refuses " + MODE + "=local: set " + MODE + "=jwt and "
                    + "scheduling.security.jwt.issuer-uri (the core stack's output SecurityJwtIssuerUri)");
        }
        if (!environment.getProperty(ALLOW_BEYOND_THIS_MACHINE, Boolean.class, false)) {
            String forwarded = environment.getProperty("server.forward-headers-strategy", "none").trim();
            if (!"none".equalsIgnoreCase(forwarded)) {
                throw refused("server.forward-headers-strategy=" + forwarded + " honours forwarded headers");
            }
            CloudPlatform platform = CloudPlatform.getActive(environment);
            if (platform != null) {
                throw refused("this looks like " + platform + ", where forwarded headers are honoured");
            }
        }
        if (!environment.containsProperty("server.address")) {
            environment.getPropertySources().addLast(new MapPropertySource("local-mode-loopback",
                    Map.of("server.address", LOOPBACK)));
        }
    }

    private static IllegalStateException refused(String why) {
        return new IllegalStateException("Local mode (" + MODE + "=local, the default) issues tokens to callers on this "
                + "machine, and " + why + ": every caller could look local. Use " + MODE + "=jwt with your identity "
                + "provider, or set " + ALLOW_BEYOND_THIS_MACHINE + "=true if you know why this is safe here.");
    }
}
