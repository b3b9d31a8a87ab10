package dev.drover.engine.core;

import dev.drover.engine.model.RoleTemplate;
import dev.drover.engine.rbac.BuiltinRoleTemplates;
import dev.drover.engine.store.AlreadyExistsException;
import dev.drover.engine.store.ConflictException;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoredObject;
import java.util.Map;
import java.util.Optional;

/** Puts the data every installation has into the store: built-in role templates, kept current on upgrade. */
final class BuiltinData {

    private BuiltinData() {
    }

    static void seed(ResourceStore store) {
        JsonCodec<RoleTemplate> codec = new JsonCodec<>(RoleTemplate.class);
        for (RoleTemplate template : BuiltinRoleTemplates.ALL) {
            ObjectKey key = ObjectKey.of(RoleTemplate.KIND, template.id());
            String body = codec.encode(template);
            Optional<StoredObject> existing = store.get(key);
            try {
                if (existing.isEmpty()) {
                    store.create(key, Map.of("builtin", "true"), body);
                } else if (!codec.decode(existing.get()).equals(template)) {
                    store.update(key, existing.get().revision(), existing.get().labels(), body);
                }
            } catch (AlreadyExistsException | ConflictException raced) {
                // another replica seeded it at the same moment; its copy is the same
            }
        }
    }
}
