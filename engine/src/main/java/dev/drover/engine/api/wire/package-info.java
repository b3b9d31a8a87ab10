/**
 * What {@code RemoteManagementApi} and the server's HTTP routes must agree on byte for byte: paths,
 * JSON documents, Kubernetes-style {@link dev.drover.engine.api.wire.Status} errors and watch messages.
 * One definition for both ends, so the two cannot drift apart.
 */
package dev.drover.engine.api.wire;
