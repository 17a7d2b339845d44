package dev.scheduling.app;

import org.springframework.boot.context.properties.ConfigurationProperties;
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

    public boolean hasStaticCredentials() {
        return accessKeyId != null && !accessKeyId.isBlank();
    }
}
