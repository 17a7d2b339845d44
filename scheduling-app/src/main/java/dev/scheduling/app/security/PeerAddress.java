package dev.scheduling.app.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The address of the machine at the other end of a request's connection, as the socket has it: never what a
 * forwarding header claims, which a proxy (or Spring Boot on a cloud platform) may have made the request's
 * {@code getRemoteAddr()}. A valve records it before any filter runs; a client cannot set a request attribute.
 */
public final class PeerAddress extends ValveBase {

    static final String ATTRIBUTE = PeerAddress.class.getName();

    PeerAddress() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        request.setAttribute(ATTRIBUTE, request.getPeerAddr());
        getNext().invoke(request, response);
    }

    /** Whether the connection comes from this machine; false when the peer is unknown. */
    static boolean isLoopback(HttpServletRequest request) {
        if (!(request.getAttribute(ATTRIBUTE) instanceof String peer)) {
            return false;
        }
        try {
            return InetAddress.getByName(peer).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
