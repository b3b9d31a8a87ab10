/**
 * Who is calling: local users with Argon2id password hashes, external authenticators (LDAP/AD), and
 * API tokens ({@code token-xxxxx:secret}, only a salted hash stored) with TTL, idle timeout,
 * revocation and cluster scope.
 */
package dev.drover.engine.auth;
