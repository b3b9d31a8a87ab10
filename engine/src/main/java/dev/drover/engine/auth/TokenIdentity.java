package dev.drover.engine.auth;

import java.util.List;

/**
 * Who a valid token speaks for: what the auth proxy turns into Impersonate-* headers.
 *
 * @param tokenId   the token's id (Impersonate-Extra-token-id)
 * @param username  Impersonate-User
 * @param provider  which provider vouched for the user
 * @param groups    the provider's groups (the proxy adds system:authenticated)
 * @param admin     full access
 * @param clusterId the token's cluster scope; empty for all
 */
public record TokenIdentity(String tokenId, String username, String provider, List<String> groups, boolean admin, String clusterId) {
    public TokenIdentity {
        groups = List.copyOf(groups);
    }
}
