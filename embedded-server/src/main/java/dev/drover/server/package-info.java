/**
 * The headless Drover server: binds HTTPS and routes requests to the engine (agent tunnel, CA, import
 * manifests). The only module that opens server ports.
 */
package dev.drover.server;
