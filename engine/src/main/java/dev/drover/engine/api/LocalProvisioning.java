package dev.drover.engine.api;

import dev.drover.engine.downstream.DownstreamCredential;
import dev.drover.engine.downstream.DownstreamCredentials;
import dev.drover.engine.kubeconfig.SecretFiles;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.Condition;
import dev.drover.engine.provision.rke.ClusterConfigException;
import dev.drover.engine.provision.rke.ClusterYamlParser;
import dev.drover.engine.provision.rke.ConfigError;
import dev.drover.engine.provision.rke.DockerOverSsh;
import dev.drover.engine.provision.rke.KubectlDrainer;
import dev.drover.engine.provision.rke.ProvisionException;
import dev.drover.engine.provision.rke.ProvisionOptions;
import dev.drover.engine.provision.rke.RkeCertificates;
import dev.drover.engine.provision.rke.RkeClusterConfig;
import dev.drover.engine.provision.rke.RkeCommands;
import dev.drover.engine.provision.rke.RkeNode;
import dev.drover.engine.provision.rke.RkeProvisioner;
import dev.drover.engine.provision.rke.RkeState;
import dev.drover.engine.provision.rke.RkeStateFiles;
import dev.drover.engine.provision.rke.ssh.KnownHosts;
import dev.drover.engine.provision.rke.ssh.SshConnector;
import dev.drover.engine.store.DataDirectories;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.Write;
import dev.drover.engine.store.sqlite.SqliteResourceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The RKE provisioning part of {@link LocalManagementApi} (issue #7): cluster.yml validation and rendering,
 * "Test SSH", and provisioning runs through {@link RkeCommands}, registering the cluster on success.
 *
 * <p>Files live under {@code <data>/rke/<cluster name>/} (cluster.yml, cluster.rkestate, the admin kubeconfig),
 * keyed by the name so that a failed or cancelled run resumes when started again with the same name. One
 * {@code <data>/rke/known_hosts} is shared by "Test SSH" and provisioning: a key recorded by the test is the
 * key provisioning insists on. The SSH tools are made on first use, so an engine that never provisions never
 * creates the directory.
 *
 * <p>On success kube-admin's client certificate (from cluster.rkestate) is saved as the cluster's downstream
 * credential before the cluster is registered, as {@code createCluster} does with a direct cluster's token, so
 * the first health check can reach the new API server and mark the cluster Active.
 */
final class LocalProvisioning {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final Supplier<ResourceStore> store;
    private final Supplier<DownstreamCredentials> credentials;
    private final Executor commands;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final JsonCodec<Cluster> clusters = new JsonCodec<>(Cluster.class);
    private volatile Function<SshConnector, RkeProvisioner> provisioners = ssh ->
            new RkeProvisioner(ssh, new DockerOverSsh(), KubectlDrainer::new, ProvisionOptions.DEFAULTS);
    private volatile Path home;
    private SshConnector ssh;
    private RkeCommands rke;

    LocalProvisioning(Supplier<ResourceStore> store, Supplier<DownstreamCredentials> credentials, Executor commands) {
        this.store = store;
        this.credentials = credentials;
        this.commands = commands;
    }

    /** Tests put a provisioner on other node runtimes here, before the first use. */
    void useProvisioners(Function<SshConnector, RkeProvisioner> factory, Path directory) {
        this.provisioners = factory;
        this.home = directory;
    }

    CompletableFuture<List<ClusterYamlProblem>> validate(String yaml) {
        return supply(() -> RkeCommands.validate(yaml == null ? "" : yaml).stream()
                .map(e -> new ClusterYamlProblem(e.line(), e.field(), e.message())).toList());
    }

    CompletableFuture<String> render(RkeClusterSpec spec) {
        return supply(() -> ClusterYamlRenderer.render(spec));
    }

    CompletableFuture<SshTestResult> testSsh(NodeAccess access) {
        return supply(() -> new SshProbe(tools().ssh, tools().rke).test(access));
    }

    ProvisioningRun provision(String name, String yaml, ProvisioningListener listener) {
        LocalProvisioningRun run = new LocalProvisioningRun(listener);
        try {
            commands.execute(() -> provision(name == null ? "" : name.strip(), yaml == null ? "" : yaml, run));
        } catch (RejectedExecutionException closed) {
            run.fail(ApiException.Reason.UNAVAILABLE, "The engine is closed.", "Open the console again.", Map.of());
        }
        return run;
    }

    private void provision(String name, String yaml, LocalProvisioningRun run) {
        Cluster cluster;
        RkeClusterConfig config;
        try {
            cluster = ClusterRequests.newCluster(new NewCluster(name, ClusterKind.RKE, ""));
            if (store.get().get(nameKey(name)).isPresent()) {
                throw new ApiException(ApiException.Reason.ALREADY_EXISTS, "A cluster named \"" + name + "\" exists already.");
            }
            config = ClusterYamlParser.parse(yaml).config();
        } catch (ApiException e) {
            run.fail(e.reason(), e.getMessage(), "Choose another name on the first step.", Map.of());
            return;
        } catch (ClusterConfigException e) {
            ConfigError first = e.errors().getFirst();
            run.fail(ApiException.Reason.INVALID, "cluster.yml cannot be used: " + e.errors().size() + " problem(s), nothing was touched.",
                    "Fix cluster.yml on the review step, starting with " + first + ".", Map.of());
            return;
        }
        String key = ClusterRequests.nameIndexKey(name);
        if (!running.add(key)) {
            run.fail(ApiException.Reason.CONFLICT, "Cluster " + name + " is being provisioned already.",
                    "Wait for that run to end, or cancel it.", Map.of());
            return;
        }
        try {
            Tools tools = tools();
            Path clusterYml = tools.home.resolve(directoryName(key)).resolve("cluster.yml");
            Files.createDirectories(clusterYml.getParent());
            SecretFiles.write(clusterYml, yaml);
            run.log("cluster.yml and state: " + clusterYml.getParent());
            var result = tools.rke.up(clusterYml, run::onProvisionEvent, run.cancellation());
            ClusterSummary registered = registerBuilt(cluster, config, clusterYml, apiEndpoint(config));
            run.log("registered " + name + " as " + registered.id() + "; admin kubeconfig: " + RkeStateFiles.kubeconfigPath(clusterYml));
            run.succeed(registered, result.took());
        } catch (ProvisionException e) {
            run.fail(ApiException.Reason.UNAVAILABLE, e.getMessage(), ProvisioningHints.forFailure(e, run.cancellation().isCancelled()),
                    e.failedHosts());
        } catch (IOException | UncheckedIOException e) {
            run.fail(ApiException.Reason.UNAVAILABLE, "The cluster files could not be written or read: " + e.getMessage(),
                    "Check the free space and permissions of " + homeOrDefault() + ", then provision again.", Map.of());
        } catch (ApiException e) {
            run.fail(e.reason(), e.getMessage(), e.reason() == ApiException.Reason.ALREADY_EXISTS
                    ? "The machines are provisioned; register them again under another name to manage them." : "Provision again to retry.", Map.of());
        } catch (RuntimeException e) {
            run.fail(ApiException.Reason.UNAVAILABLE, "Provisioning stopped on an internal error: " + e, "Provision again; the state is kept.", Map.of());
        } finally {
            running.remove(key);
        }
    }

    /** The API server the admin kubeconfig names: the first control-plane node's. */
    private static String apiEndpoint(RkeClusterConfig config) {
        List<RkeNode> controlPlane = config.nodesWith(RkeNode.Role.CONTROLPLANE);
        return controlPlane.isEmpty() ? "" : "https://" + controlPlane.getFirst().address() + ":6443";
    }

    /**
     * Saves kube-admin's access as the cluster's downstream credential, then registers the cluster; the
     * credential goes again if the cluster cannot be registered. Package-private for tests, which point
     * {@code endpoint} at a test double of the API server.
     */
    ClusterSummary registerBuilt(Cluster fresh, RkeClusterConfig config, Path clusterYml, String endpoint) throws IOException {
        // the credential first: a cluster that exists is health-checked at once and should find it
        credentials.get().save(fresh.id(), adminCredential(clusterYml));
        try {
            return register(fresh, config, clusterYml, endpoint);
        } catch (RuntimeException e) {
            credentials.get().remove(fresh.id());
            throw e;
        }
    }

    /** Adds the built cluster to the store (kind RKE, Provisioned=True) with its name index, atomically. */
    private ClusterSummary register(Cluster fresh, RkeClusterConfig config, Path clusterYml, String endpoint) {
        Cluster cluster = new Cluster(fresh.id(), fresh.displayName(), Cluster.Type.RKE, endpoint, Cluster.ClusterStatus.EMPTY
                .withCondition(new Condition("Provisioned", "True", "RkeUp", "Built from " + clusterYml, Instant.now()))
                .withKubernetesVersion(config.kubernetesVersion().replaceFirst("-rancher.*", "")));
        try {
            var stored = store.get().commit(List.of(
                    new Write.Create(nameKey(cluster.displayName()), Map.of(), "{\"clusterId\":\"" + cluster.id() + "\"}"),
                    new Write.Create(ObjectKey.of(Cluster.KIND, cluster.id()), Map.of(), clusters.encode(cluster))));
            return ClusterRequests.summary(cluster, stored.getLast().revision());
        } catch (dev.drover.engine.store.AlreadyExistsException e) {
            throw new ApiException(ApiException.Reason.ALREADY_EXISTS, "A cluster named \"" + cluster.displayName()
                    + "\" was registered while this one was being built.", e);
        }
    }

    /** kube-admin's certificate and key and kube-ca, as the admin kubeconfig beside cluster.yml carries them. */
    private static DownstreamCredential adminCredential(Path clusterYml) throws IOException {
        Path statePath = RkeStateFiles.statePath(clusterYml);
        RkeState state = RkeStateFiles.readState(statePath).orElseThrow(() -> new IOException(statePath + " is missing after a successful run"));
        RkeState.State applied = state.currentState() != null ? state.currentState() : state.desiredState();
        RkeCertificates.Entry admin = applied.certificatesBundle().get(RkeCertificates.ADMIN);
        RkeCertificates.Entry ca = applied.certificatesBundle().get(RkeCertificates.KUBE_CA);
        if (admin == null || ca == null) {
            throw new IOException(statePath + " has no " + RkeCertificates.ADMIN + " or " + RkeCertificates.KUBE_CA + " certificate");
        }
        return DownstreamCredential.clientCertificate(admin.certificatePem(), admin.keyPem(), ca.certificatePem());
    }

    private static ObjectKey nameKey(String name) {
        return ObjectKey.of(LocalManagementApi.CLUSTER_NAME_KIND, ClusterRequests.nameIndexKey(name));
    }

    /** A directory name from the cluster name: letters, digits, '.', '_' and '-' kept, anything else '-'. */
    static String directoryName(String nameKey) {
        String safe = nameKey.replaceAll("[^a-z0-9._-]", "-");
        return safe.startsWith(".") ? "-" + safe : safe;
    }

    private record Tools(Path home, SshConnector ssh, RkeCommands rke) {
    }

    private synchronized Tools tools() {
        if (rke == null) {
            Path directory = homeOrDefault();
            try {
                Files.createDirectories(directory);
                ssh = new SshConnector(KnownHosts.open(directory.resolve("known_hosts")), CONNECT_TIMEOUT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            rke = new RkeCommands(provisioners.apply(ssh));
            home = directory;
        }
        return new Tools(home, ssh, rke);
    }

    private Path homeOrDefault() {
        if (home != null) {
            return home;
        }
        Path data = store.get() instanceof SqliteResourceStore sqlite ? sqlite.file().toAbsolutePath().getParent() : DataDirectories.resolve();
        return data.resolve("rke");
    }

    private <T> CompletableFuture<T> supply(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            commands.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(ApiErrors.translate(e));
                }
            });
        } catch (RejectedExecutionException closed) {
            result.completeExceptionally(new ApiException(ApiException.Reason.UNAVAILABLE, "The engine is closed.", closed));
        }
        return result;
    }
}
