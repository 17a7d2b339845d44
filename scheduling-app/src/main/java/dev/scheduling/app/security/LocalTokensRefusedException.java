package dev.scheduling.app.security;

/** A caller from another machine asked the local mode for a token. */
public class LocalTokensRefusedException extends RuntimeException {

    public LocalTokensRefusedException() {
        super("Local tokens are issued only to callers on this machine");
    }
}
