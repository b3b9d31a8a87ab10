package dev.drover.engine.api;

import dev.drover.engine.model.RoleTemplate;
import dev.drover.engine.model.User;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ResourceStore;
import java.util.Comparator;
import java.util.List;

/** Reads users and role templates out of the store as API records; never exposes a password hash. Blocking. */
final class AccessQueries {

    private final ResourceStore store;
    private final JsonCodec<User> users = new JsonCodec<>(User.class);
    private final JsonCodec<RoleTemplate> templates = new JsonCodec<>(RoleTemplate.class);

    AccessQueries(ResourceStore store) {
        this.store = store;
    }

    List<UserSummary> users() {
        return store.list(ListRequest.all(User.KIND)).items().stream().map(o -> users.decode(o))
                .map(u -> new UserSummary(u.username(), u.displayName(), u.provider(), u.enabled(), u.admin()))
                .sorted(Comparator.comparing(UserSummary::username)).toList();
    }

    /** Built-ins first, then by id. */
    List<RoleTemplateSummary> roleTemplates() {
        return store.list(ListRequest.all(RoleTemplate.KIND)).items().stream().map(o -> templates.decode(o))
                .map(t -> new RoleTemplateSummary(t.id(), t.displayName(), t.context().name(), t.builtin()))
                .sorted(Comparator.comparing((RoleTemplateSummary t) -> !t.builtin()).thenComparing(RoleTemplateSummary::id)).toList();
    }
}
