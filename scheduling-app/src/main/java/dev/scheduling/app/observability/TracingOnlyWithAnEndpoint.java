package dev.scheduling.app.observability;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Traces cost a span per command, event and handler: they are made only where someone receives them. Without
 * {@code management.otlp.tracing.endpoint} (an OpenTelemetry collector, such as the AWS Distro's sidecar) tracing is
 * off, unless {@code management.tracing.enabled} says otherwise; with one it is on. Checked before any bean exists.
 */
public class TracingOnlyWithAnEndpoint implements EnvironmentPostProcessor {

    static final String ENDPOINT = "management.otlp.tracing.endpoint";
    static final String ENABLED = "management.tracing.enabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String endpoint = environment.getProperty(ENDPOINT);
        if (endpoint == null || endpoint.isBlank()) {
            // the weakest source: any setting of management.tracing.enabled wins
            environment.getPropertySources().addLast(new MapPropertySource("tracing-needs-an-endpoint",
                    Map.of(ENABLED, "false")));
        }
    }
}
