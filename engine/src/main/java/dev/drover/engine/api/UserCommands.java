package dev.drover.engine.api;

import dev.drover.engine.auth.LocalUsers;
import dev.drover.engine.auth.TokenService;
import dev.drover.engine.model.RoleBinding;
import dev.drover.engine.model.Token;
import dev.drover.engine.model.User;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Local users: created with an Argon2id hash (engine.auth's {@link LocalUsers}), enabled or disabled,
 * deleted with their tokens revoked and their bindings removed. The last enabled administrator can be
 * neither disabled nor deleted: nobody could manage the server afterwards. Blocking; thread-safe.
 */
final class UserCommands {

    private final ResourceStore store;
    private final LocalUsers users;
    private final TokenService tokens;
    private final JsonCodec<RoleBinding> bindings = new JsonCodec<>(RoleBinding.class);

    UserCommands(ResourceStore store, LocalUsers users, TokenService tokens) {
        this.store = store;
        this.users = users;
        this.tokens = tokens;
    }

    UserSummary create(NewUser request) {
        if (request == null) {
            throw ApiErrors.invalid("A user request is required.");
        }
        String displayName = request.displayName() == null || request.displayName().isBlank() ? null : request.displayName().strip();
        try {
            return summary(users.create(request.username(), displayName, request.password(), request.admin()));
        } catch (IllegalArgumentException e) {
            // LocalUsers names the field; a taken name is not bad input but a conflict
            throw new ApiException(e.getMessage().contains("is taken") ? ApiException.Reason.ALREADY_EXISTS : ApiException.Reason.INVALID,
                    e.getMessage(), e);
        }
    }

    UserSummary setEnabled(String username, boolean enabled) {
        User user = existing(username);
        if (!enabled && user.enabled() && user.admin()) {
            refuseLastAdministrator(user, "disabled");
        }
        users.setEnabled(user.username(), enabled);
        if (!enabled) {
            // the token store checks the user on every use too; revoking makes it final and immediate everywhere
            tokens.list(user.username()).stream().filter(Token::enabled).forEach(t -> tokens.revoke(t.id()));
        }
        return summary(existing(user.username()));
    }

    void delete(String username) {
        User user = existing(username);
        if (user.enabled() && user.admin()) {
            refuseLastAdministrator(user, "deleted");
        }
        tokens.list(user.username()).stream().filter(Token::enabled).forEach(t -> tokens.revoke(t.id()));
        List<Write> writes = new ArrayList<>();
        store.list(ListRequest.all(RoleBinding.KIND)).items().stream()
                .filter(o -> {
                    RoleBinding b = bindings.decode(o);
                    return !b.group() && b.subject().equals(user.username());
                })
                .forEach(o -> writes.add(new Write.Delete(o.key(), 0)));
        writes.add(new Write.Delete(ObjectKey.of(User.KIND, user.username()), 0));
        store.commit(writes);
    }

    private User existing(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return users.find(name.isEmpty() ? "-" : name).orElseThrow(() ->
                new ApiException(ApiException.Reason.NOT_FOUND, "User " + username + " does not exist."));
    }

    private void refuseLastAdministrator(User user, String what) {
        boolean another = users.list().stream().anyMatch(u -> u.admin() && u.enabled() && !u.username().equals(user.username()));
        if (!another) {
            throw ApiErrors.invalid("User " + user.username() + " is the last enabled administrator and cannot be " + what + ".");
        }
    }

    static UserSummary summary(User u) {
        return new UserSummary(u.username(), u.displayName(), u.provider(), u.enabled(), u.admin());
    }
}
