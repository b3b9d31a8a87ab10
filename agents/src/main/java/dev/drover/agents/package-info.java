/**
 * The cluster and node agents. They depend on Drover only through {@code dev.drover.tunnel.protocol},
 * so an agent image never carries the engine.
 */
package dev.drover.agents;
