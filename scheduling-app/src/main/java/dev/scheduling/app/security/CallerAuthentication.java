package dev.scheduling.app.security;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** A validated bearer token and the caller it names; controllers take it as a parameter (it is the request's principal). */
public final class CallerAuthentication extends JwtAuthenticationToken {

    private final transient Caller caller;

    CallerAuthentication(Jwt jwt, Caller caller) {
        super(jwt, caller.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList(),
                caller.subject());
        this.caller = caller;
    }

    public Caller caller() {
        return caller;
    }
}
