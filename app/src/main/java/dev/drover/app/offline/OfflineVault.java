package dev.drover.app.offline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What offline recovery needs from the local kubeconfig vault; {@link EngineOfflineVault} is the real one
 * (over {@code engine.api.OfflineKubeconfigs}), tests give a fake. Every method may block: call
 * them off the FX thread. No method returns a token.
 */
public interface OfflineVault {

    /** A direct context kept in the vault: its name and API server URL. */
    record Entry(String name, String server) {
    }

    /** The outcome of calling one context's API server ({@code GET /version} with its CA and token). */
    record Check(boolean usable, String detail) {
    }

    /** A workload read through a direct context: kind, namespace, name, "ready/desired", creation time ({@code null}: unknown). */
    record Workload(String kind, String namespace, String name, String ready, Instant created) {
    }

    /** Where the vault lives, for the page to say. */
    String location();

    /** Every direct context, newest copy first per name. Blocking file I/O. */
    List<Entry> directContexts() throws IOException;

    /** Calls the context's API server. Blocking network I/O; never throws. */
    Check test(Entry entry);

    /**
     * The deployments, stateful sets, daemon sets and pods the context's token may read, read-only. Blocking network I/O.
     * The default says this vault cannot (test doubles of the other features need not implement it).
     *
     * @throws IOException with one sentence when the cluster cannot be read
     */
    default List<Workload> workloads(Entry entry) throws IOException {
        throw new IOException("This vault cannot list workloads.");
    }

    /** Writes a kubeconfig (0600) holding only these direct contexts, the first one current. */
    void writeDirectOnly(Path target, List<Entry> entries) throws IOException;
}
