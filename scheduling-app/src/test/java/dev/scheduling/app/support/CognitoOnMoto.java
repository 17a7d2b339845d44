package dev.scheduling.app.support;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

import java.util.Map;
import java.util.stream.Stream;

/**
 * A Cognito user pool on moto, made through the Cognito API as an operator would: an app client for people, the
 * groups of our roles, users with passwords. Its tokens are RS256 access tokens with a JWKS served by moto.
 */
public final class CognitoOnMoto implements AutoCloseable {

    private final MotoServer moto;
    private final CognitoIdentityProviderClient cognito;
    private final String poolId;
    private final String clientId;

    private CognitoOnMoto(MotoServer moto, CognitoIdentityProviderClient cognito, String poolId, String clientId) {
        this.moto = moto;
        this.cognito = cognito;
        this.poolId = poolId;
        this.clientId = clientId;
    }

    public static CognitoOnMoto create(MotoServer moto, String name) {
        CognitoIdentityProviderClient cognito = CognitoIdentityProviderClient.builder()
                .endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
        String poolId = cognito.createUserPool(r -> r.poolName(name)).userPool().id();
        String clientId = cognito.createUserPoolClient(r -> r.userPoolId(poolId).clientName(name + "-people")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH, ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH))
                                 .userPoolClient().clientId();
        for (String group : new String[]{"front-desk", "auditor", "admin"}) {
            cognito.createGroup(r -> r.userPoolId(poolId).groupName(group));
        }
        return new CognitoOnMoto(moto, cognito, poolId, clientId);
    }

    /** Makes a confirmed user with a permanent password, in {@code groups}; answers the user's {@code sub}. */
    public String createUser(String username, String password, String... groups) {
        cognito.adminCreateUser(r -> r.userPoolId(poolId).username(username).messageAction(MessageActionType.SUPPRESS)
                                       .temporaryPassword(password + "-temporary"));
        cognito.adminSetUserPassword(r -> r.userPoolId(poolId).username(username).password(password).permanent(true));
        for (String group : groups) {
            cognito.adminAddUserToGroup(r -> r.userPoolId(poolId).username(username).groupName(group));
        }
        return cognito.adminGetUser(r -> r.userPoolId(poolId).username(username)).userAttributes().stream()
                      .filter(attribute -> attribute.name().equals("sub")).map(AttributeType::value)
                      .findFirst().orElseThrow();
    }

    /** Signs in as a person would (InitiateAuth), answering the access and ID tokens. */
    public AuthenticationResultType signIn(String username, String password) {
        return cognito.initiateAuth(r -> r.clientId(clientId).authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                                          .authParameters(Map.of("USERNAME", username, "PASSWORD", password)))
                      .authenticationResult();
    }

    /** The settings of a service in jwt mode trusting this pool and its client, with roles from Cognito's groups. */
    public String[] serviceSettings() {
        return Stream.concat(Stream.of("scheduling.security.mode=jwt", "scheduling.security.roles-claim=cognito:groups"),
                Stream.of(issuerSettings())).toArray(String[]::new);
    }

    /** The pool as the issuer of the jwt mode (the aws profile sets the mode and the roles claim itself). */
    public String[] issuerSettings() {
        return new String[]{
                "scheduling.security.jwt.issuer-uri=https://cognito-idp.us-east-1.amazonaws.com/" + poolId,
                "scheduling.security.jwt.jwk-set-uri=" + moto.endpoint() + "/" + poolId + "/.well-known/jwks.json",
                "scheduling.security.jwt.allowed-client-ids=" + clientId};
    }

    public String clientId() {
        return clientId;
    }

    @Override
    public void close() {
        cognito.close();
    }
}
