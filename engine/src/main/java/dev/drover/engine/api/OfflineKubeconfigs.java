package dev.drover.engine.api;

import dev.drover.engine.kubeconfig.DirectWorkloads;
import dev.drover.engine.kubeconfig.Kubeconfig;
import dev.drover.engine.kubeconfig.KubeconfigVault;
import dev.drover.engine.kubeconfig.OfflineRecovery;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The kubeconfigs this machine exported, for when the Drover server cannot be reached: lists the direct
 * (ACE) contexts, tests each against its cluster, lists a cluster's workloads through one (read-only) and writes a direct-only kubeconfig. It reads only local
 * files ({@code <data directory>/kubeconfig-vault}, where every export is kept), so it needs no engine and no
 * server. Every method may block: call them off the FX thread. No method returns a token.
 */
public final class OfflineKubeconfigs {

    /** A direct context kept in the vault: its name and API server URL. */
    public record Entry(String name, String server) {
    }

    /** The outcome of calling one context's API server ({@code GET /version} with its CA and token). */
    public record Check(boolean usable, String detail) {
    }

    /**
     * A workload read through a direct context, for the read-only offline view.
     *
     * @param kind    Deployment, StatefulSet, DaemonSet or Pod
     * @param ready   "ready/desired" (pods: ready containers over containers)
     * @param created when it was created, for its age; {@code null} when the cluster did not say
     */
    public record Workload(String kind, String namespace, String name, String ready, Instant created) {
    }

    private static final Duration TEST_TIMEOUT = Duration.ofSeconds(5);
    /** Per request (four lists): a dead cluster is reported within seconds, a big one still lists. */
    private static final Duration BROWSE_TIMEOUT = Duration.ofSeconds(10);

    private final KubeconfigVault vault;
    private final OfflineRecovery recovery = new OfflineRecovery(TEST_TIMEOUT);
    private final DirectWorkloads directWorkloads = new DirectWorkloads(BROWSE_TIMEOUT);

    private OfflineKubeconfigs(Path directory) {
        this.vault = new KubeconfigVault(directory, Clock.systemUTC());
    }

    /** The vault of the given data directory (the one lab mode and remote exports use). */
    public static OfflineKubeconfigs open(Path dataDirectory) {
        return new OfflineKubeconfigs(dataDirectory.resolve(RemoteAdministration.VAULT));
    }

    /** The vault of this user's default data directory. */
    public static OfflineKubeconfigs openDefault() {
        return open(LocalManagementApi.defaultDataDirectory());
    }

    /** Where the vault lives, for the page to say. */
    public String location() {
        return vault.directory().toString();
    }

    /** Every direct context, newest copy first per name. Blocking file I/O. */
    public List<Entry> directContexts() throws IOException {
        return vault.directContexts().stream().map(c -> new Entry(c.name(), c.server())).toList();
    }

    /** Calls the context's API server. Blocking network I/O; never throws. */
    public Check test(Entry entry) {
        try {
            OfflineRecovery.ContextCheck check = recovery.test(context(entry));
            return new Check(check.usable(), check.detail());
        } catch (IOException | IllegalArgumentException e) {
            return new Check(false, e.getMessage());
        }
    }

    /**
     * Lists the deployments, stateful sets, daemon sets and pods the context's token may read, with its CA and token only
     * (read-only). Blocking network I/O, each request bounded by a timeout.
     *
     * @throws IOException with one sentence naming the context when the vault or the cluster cannot be read
     */
    public List<Workload> workloads(Entry entry) throws IOException {
        Kubeconfig.Context context;
        try {
            context = context(entry);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        try {
            return directWorkloads.list(context).stream()
                    .map(row -> new Workload(row.kind(), row.namespace(), row.name(), row.ready(), row.created())).toList();
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Writes a kubeconfig (0600) holding only these direct contexts, the first one current. */
    public void writeDirectOnly(Path target, List<Entry> entries) throws IOException {
        List<Kubeconfig.Context> stored = vault.directContexts(); // one read of the vault, however many are chosen
        List<Kubeconfig.Context> chosen = new java.util.ArrayList<>();
        for (Entry entry : entries) {
            chosen.add(find(stored, entry));
        }
        OfflineRecovery.writeDirectOnly(target, chosen);
    }

    /** The newest stored copy of the context the entry names (entries carry no secrets). */
    private Kubeconfig.Context context(Entry entry) throws IOException {
        return find(vault.directContexts(), entry);
    }

    private static Kubeconfig.Context find(List<Kubeconfig.Context> stored, Entry entry) {
        return stored.stream()
                .filter(c -> c.name().equals(entry.name()) && c.server().equals(entry.server()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The vault no longer holds the context " + entry.name() + "."));
    }
}
