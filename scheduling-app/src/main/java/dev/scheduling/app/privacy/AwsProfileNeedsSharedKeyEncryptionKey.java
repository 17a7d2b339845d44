package dev.scheduling.app.privacy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The aws profile never makes its own key-encryption key: a key file made inside a container dies with it, and every
 * data key it wrapped, so every title, location and reason stored under them, would be lost with it; and two nodes
 * with keys of their own could not read each other's writes. A deployment must name a key every node shares (the
 * service stack passes one from Secrets Manager). Checked before any bean exists.
 */
public class AwsProfileNeedsSharedKeyEncryptionKey implements EnvironmentPostProcessor {

    static final String KEY = "scheduling.personal-data.key-encryption-key";
    static final String KEY_FILE = "scheduling.personal-data.key-encryption-key-file";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of("aws"))
                && isBlank(environment.getProperty(KEY)) && isBlank(environment.getProperty(KEY_FILE))) {
            throw new IllegalStateException("The aws profile needs a key-encryption key shared by every node: set "
                    + KEY + " (SCHEDULING_PERSONAL_DATA_KEY_ENCRYPTION_KEY, the service stack passes it from Secrets "
                    + "Manager) or " + KEY_FILE + " on durable shared storage");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
