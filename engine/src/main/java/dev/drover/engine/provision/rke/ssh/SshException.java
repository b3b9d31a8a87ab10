package dev.drover.engine.provision.rke.ssh;

import java.io.IOException;

/** A host could not be reached, refused us, or a command over SSH could not be run to the end. */
public class SshException extends IOException {

    public SshException(String message) {
        super(message);
    }

    public SshException(String message, Throwable cause) {
        super(message, cause);
    }
}
