package dev.scheduling.app;

import org.springframework.boot.context.properties.ConfigurationProperties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service reaches AWS (prefix {@code scheduling.aws}).
 *
 * @param region          the AWS region of every client
 * @param accessKeyId     static credentials, for emulators such as moto or DynamoDB Local; when unset the SDK's
 *                        default chain is used (environment, profile, container or instance role)
 * @param secretAccessKey see {@code accessKeyId}
 */
@ConfigurationProperties("scheduling.aws")
public record AwsProperties(@DefaultValue("us-east-1") String region, String accessKeyId, String secretAccessKey) {

    /** Sets the region, the endpoint when one is given (an emulator), and the static credentials when set. */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
        builder.region(Region.of(region));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (accessKeyId != null && !accessKeyId.isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
        }
        return builder;
    }
}
