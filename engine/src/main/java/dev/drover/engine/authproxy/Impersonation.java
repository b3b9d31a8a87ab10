package dev.drover.engine.authproxy;

import dev.drover.engine.auth.LocalUsers;
import dev.drover.engine.auth.TokenIdentity;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who a downstream request speaks for: the same {@code Impersonate-User}, {@code Impersonate-Group} and
 * {@code Impersonate-Extra-*} values the auth proxy sets ({@link ImpersonationHeaders}), for calls the engine
 * makes on a user's behalf with its own fabric8 client (the console's workload actions), so the cluster's
 * RBAC judges the user, not Drover.
 *
 * @param username Impersonate-User
 * @param groups   Impersonate-Group values, {@code system:authenticated} included
 * @param extras   extra keys (unescaped, e.g. {@code drover.dev/username}) and values; empty values are left out
 */
public record Impersonation(String username, List<String> groups, Map<String, String> extras) {

    public Impersonation {
        Objects.requireNonNull(username, "username");
        groups = List.copyOf(groups);
        extras = Map.copyOf(extras);
    }

    /** The token's user, as the auth proxy impersonates it. */
    public static Impersonation of(TokenIdentity identity) {
        Set<String> groups = new LinkedHashSet<>(identity.groups());
        groups.add(ImpersonationHeaders.AUTHENTICATED);
        Map<String, String> extras = new LinkedHashMap<>();
        if (!identity.tokenId().isEmpty()) {
            extras.put(ImpersonationHeaders.EXTRA_TOKEN_ID, identity.tokenId());
        }
        extras.put(ImpersonationHeaders.EXTRA_USERNAME, identity.username());
        extras.put(ImpersonationHeaders.EXTRA_PRINCIPAL, identity.provider() + "://" + identity.username());
        extras.put(ImpersonationHeaders.EXTRA_PROVIDER, identity.provider());
        return new Impersonation(identity.username(), List.copyOf(groups), extras);
    }

    /** Lab mode's one user: the local administrator, who holds no token. */
    public static Impersonation localAdmin() {
        return of(new TokenIdentity("", LocalUsers.BOOTSTRAP_ADMIN, "local", List.of(), true, ""));
    }

    /**
     * {@code base} (a client's request configuration) carrying this impersonation. fabric8 appends extra keys to
     * {@code Impersonate-Extra-} unescaped, so they are escaped here exactly as the proxy does.
     */
    public RequestConfig requestConfig(RequestConfig base) {
        Map<String, List<String>> escaped = new LinkedHashMap<>();
        extras.forEach((key, value) -> escaped.put(ImpersonationHeaders.extraHeader(key).substring("Impersonate-Extra-".length()),
                List.of(value)));
        // the rest (timeouts, no retries) stays as the client was configured
        return new RequestConfigBuilder(base).withImpersonateUsername(username).withImpersonateGroups(groups.toArray(String[]::new))
                .withImpersonateExtras(escaped).build();
    }
}
