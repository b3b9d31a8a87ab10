/** {@code drover server}: documents the server's options and hands them to embedded-server's {@code ServerMain}. */
package dev.drover.cli.server;
