package dev.drover.engine.tunnel;

import dev.drover.tunnel.protocol.TunnelException;

/** No agent of the cluster is connected and none came back within the wait. */
public final class AgentDisconnectedException extends TunnelException {

    public AgentDisconnectedException(String message) {
        super(message);
    }
}
