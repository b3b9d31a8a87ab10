/**
 * What the engine syncs into each cluster so kube-api-auth can check Drover tokens while the server is
 * down: per token its id, salt, salted SHA-256 of the secret, user, groups and expiry (never the
 * secret), and the check itself. Here because both the engine and the agent image need it.
 */
package dev.drover.tunnel.protocol.kubeapiauth;
