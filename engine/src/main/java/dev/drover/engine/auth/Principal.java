package dev.drover.engine.auth;

import java.util.List;
import java.util.Objects;

/**
 * Who an authenticator says the caller is.
 *
 * @param username    Drover user name (lower case)
 * @param displayName for the console
 * @param provider    {@code local}, {@code ldap}, …
 * @param groups      group names from the provider (e.g. LDAP group CNs), prefixed by provider
 * @param admin       full access
 */
public record Principal(String username, String displayName, String provider, List<String> groups, boolean admin) {
    public Principal {
        Objects.requireNonNull(username, "username");
        displayName = displayName == null ? username : displayName;
        Objects.requireNonNull(provider, "provider");
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
