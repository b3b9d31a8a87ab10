/**
 * The server end of the agent tunnel: {@link dev.drover.engine.tunnel.TunnelServer} accepts agents'
 * WebSockets (handed to it by the HTTP server) after the {@link dev.drover.engine.tunnel.TunnelAuthorizer}
 * agrees, the {@link dev.drover.engine.tunnel.SessionManager} keeps their sessions by cluster, and the
 * {@link dev.drover.engine.tunnel.Dialer} opens streams into clusters through them. Registration tokens
 * and the import manifest live here too. The multiplexer itself is {@code dev.drover.tunnel.protocol}.
 */
package dev.drover.engine.tunnel;
