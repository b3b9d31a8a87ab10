package dev.drover.engine.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every {@link ResourceStore} backend must do. A backend's test extends this class and says
 * how to open an empty store; the tests themselves live in the three contract interfaces, one per
 * concern, so each stays readable. Only the {@code ResourceStore} interface is used, so backends in
 * other modules (etcd) run the same suite from the engine's test-jar.
 */
public abstract class ResourceStoreContract implements StoreWriteContract, StoreListContract, StoreWatchContract {

    private ResourceStore store;

    /** Opens a new, empty store; called before every test, closed after it. */
    protected abstract ResourceStore openStore();

    @BeforeEach
    void openEmptyStore() {
        store = openStore();
    }

    @AfterEach
    void closeStore() {
        // Tests may have closed it already: closing twice must be harmless.
        store.close();
    }

    @Override
    public final ResourceStore store() {
        return store;
    }
}
