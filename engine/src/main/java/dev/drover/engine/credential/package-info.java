/**
 * Secrets Drover must be able to use again (not just check): the downstream credentials of the auth
 * proxy, sealed with AES-GCM under a key file in the data directory.
 */
package dev.drover.engine.credential;
