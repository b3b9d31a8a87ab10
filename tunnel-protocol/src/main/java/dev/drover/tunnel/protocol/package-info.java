/**
 * What the Drover server and its agents must agree on byte for byte: the tunnel wire format and the
 * CA checksum. Kept apart from the engine so the agents do not drag the engine in.
 */
package dev.drover.tunnel.protocol;
