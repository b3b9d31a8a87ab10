package dev.drover.engine.auth;

import dev.drover.engine.model.User;
import dev.drover.engine.store.AlreadyExistsException;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A login: ask the chosen provider who the caller is, make sure a Drover user exists for an external
 * principal (so tokens can be checked and disabled per user), and issue a token. Blocking; thread-safe.
 */
public final class Logins {

    private final ResourceStore store;
    private final Map<String, Authenticator> providers;
    private final TokenService tokens;
    private final JsonCodec<User> users = new JsonCodec<>(User.class);

    public Logins(ResourceStore store, List<Authenticator> providers, TokenService tokens) {
        this.store = store;
        this.providers = providers.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Authenticator::provider, a -> a));
        this.tokens = tokens;
    }

    /** Authenticates and returns a new token; a provider that is not configured is a 401 like a bad password. */
    public IssuedToken login(String provider, String username, char[] password, TokenRequest request) {
        Authenticator authenticator = providers.get(provider == null ? "local" : provider);
        if (authenticator == null) {
            throw new AuthenticationException("Login provider \"" + provider + "\" is not configured.");
        }
        Principal principal = authenticator.authenticate(username, password);
        if (!"local".equals(principal.provider())) {
            ensureExternalUser(principal);
        }
        return tokens.issue(principal, request);
    }

    private void ensureExternalUser(Principal principal) {
        ObjectKey key = ObjectKey.of(User.KIND, principal.username());
        Optional<User> existing = store.get(key).map(users::decode);
        if (existing.isPresent()) {
            User user = existing.get();
            if (!user.enabled()) {
                throw new AuthenticationException("Invalid username or password.");
            }
            if (!user.provider().equals(principal.provider())) {
                // A local "alice" and an LDAP "alice" are different people: don't let one log in as the other.
                throw new AuthenticationException("User " + principal.username() + " belongs to provider " + user.provider() + ".");
            }
            return;
        }
        User user = new User(principal.username(), principal.displayName(), "", true, principal.provider(), false);
        try {
            store.create(key, Map.of("provider", principal.provider()), users.encode(user));
        } catch (AlreadyExistsException raced) {
            ensureExternalUser(principal); // a concurrent first login created it; check it like any other
        }
    }
}
