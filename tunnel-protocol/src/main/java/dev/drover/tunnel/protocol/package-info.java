/**
 * What the Drover server and its agents must agree on byte for byte: the tunnel wire format
 * ({@link dev.drover.tunnel.protocol.Frame}), the stream multiplexer both ends run
 * ({@link dev.drover.tunnel.protocol.Session}) and the CA checksum. Kept apart from the engine so the
 * agents do not drag the engine in.
 */
package dev.drover.tunnel.protocol;
