/**
 * Attaching the console to an engine: the in-process lab engine or a remote {@code drover server}
 * (URL, password or token, the server CA's fingerprint confirmed once), and what the console remembers
 * between runs ({@link dev.drover.app.connect.ConsoleSettings}: servers, window, theme).
 */
package dev.drover.app.connect;
