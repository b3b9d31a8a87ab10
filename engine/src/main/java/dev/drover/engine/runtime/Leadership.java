package dev.drover.engine.runtime;

import java.util.function.Consumer;

/**
 * Whether this replica may run the reconcilers that must run once in the whole installation (token
 * cleanup, node pools, provisioning). A single server is always leader; replicas elect one (issue #9).
 */
public interface Leadership {

    /** Whether this replica leads right now. Thread-safe. */
    boolean isLeader();

    /**
     * Calls {@code listener} with the current state at once, then on every change, on an unspecified
     * thread. The listener must return quickly.
     */
    void onChange(Consumer<Boolean> listener);

    /** For a single server: always the leader. */
    static Leadership always() {
        return new Leadership() {
            @Override
            public boolean isLeader() {
                return true;
            }

            @Override
            public void onChange(Consumer<Boolean> listener) {
                listener.accept(true);
            }
        };
    }
}
