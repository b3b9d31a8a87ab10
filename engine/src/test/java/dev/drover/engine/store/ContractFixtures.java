package dev.drover.engine.store;

import java.util.Map;

/** Keys and bodies shared by the contract suites: two kinds, so cross-kind leaks show. */
public final class ContractFixtures {

    public static final String WIDGET = "Widget";
    public static final String GADGET = "Gadget";

    private ContractFixtures() {
    }

    public static ObjectKey widget(String name) {
        return ObjectKey.of(WIDGET, name);
    }

    public static ObjectKey widget(String namespace, String name) {
        return new ObjectKey(WIDGET, namespace, name);
    }

    public static ObjectKey gadget(String name) {
        return ObjectKey.of(GADGET, name);
    }

    /** A small JSON body that differs per name and generation, so a stale read is visible. */
    public static String body(String name, int generation) {
        return "{\"name\":\"" + name + "\",\"generation\":" + generation + "}";
    }

    public static StoredObject create(ResourceStore store, ObjectKey key) {
        return store.create(key, Map.of(), body(key.name(), 1));
    }
}
