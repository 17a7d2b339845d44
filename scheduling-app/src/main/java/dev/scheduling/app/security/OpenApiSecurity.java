package dev.scheduling.app.security;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** Tells the API document (and Swagger UI's "Authorize" button) that every operation takes a bearer JWT. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(security = @SecurityRequirement(name = OpenApiSecurity.BEARER))
@SecurityScheme(name = OpenApiSecurity.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
                description = "An access token: in local mode from POST /local/tokens, in AWS from Cognito")
public class OpenApiSecurity {

    static final String BEARER = "bearer";
}
