package dev.scheduling.app.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the caller from a validated token: the subject, the client, and the roles granted by the roles claim (a
 * list, or a string of names separated by spaces or commas) or by scopes {@code <prefix><role>}. Role names that
 * are not ours grant nothing.
 */
final class CallerTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties properties;

    CallerTokenConverter(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        names(jwt.getClaim(properties.rolesClaim())).forEach(name -> Role.fromClaim(name).ifPresent(roles::add));
        Stream.concat(names(jwt.getClaim("scope")), names(jwt.getClaim("scp")))
              .filter(scope -> scope.startsWith(properties.scopePrefix()))
              .forEach(scope -> Role.fromClaim(scope.substring(properties.scopePrefix().length())).ifPresent(roles::add));
        Caller caller = new Caller(jwt.getClaimAsString(properties.subjectClaim()),
                jwt.getClaimAsString(properties.clientIdClaim()), roles);
        return new CallerAuthentication(jwt, caller);
    }

    private static Stream<String> names(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf);
        }
        if (claim instanceof String text) {
            return Stream.of(text.split("[\\s,]+")).filter(name -> !name.isEmpty());
        }
        return List.<String>of().stream();
    }
}
