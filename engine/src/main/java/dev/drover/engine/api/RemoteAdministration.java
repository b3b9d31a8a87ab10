package dev.drover.engine.api;

import dev.drover.engine.api.wire.AdminPaths;
import dev.drover.engine.api.wire.ApiPaths;
import dev.drover.engine.kubeconfig.KubeconfigVault;
import dev.drover.engine.store.DataDirectories;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * {@link RemoteManagementApi}'s cluster detail, events, projects, namespaces, members, users, node pool and
 * kubeconfig calls over {@link AdminPaths}. The server issues the kubeconfig's token and builds it; this
 * side keeps the vault copy (for offline recovery on this machine) and writes files. Thread-safe.
 */
final class RemoteAdministration {

    /** Where exported kubeconfigs are kept on this machine: {@code <data directory>/kubeconfig-vault}. */
    static final String VAULT = "kubeconfig-vault";

    private final RemoteHttp http;
    private final ScheduledExecutorService timers;
    private final Set<Subscription> watches;

    RemoteAdministration(RemoteHttp http, ScheduledExecutorService timers, Set<Subscription> watches) {
        this.http = http;
        this.timers = timers;
        this.watches = watches;
    }

    CompletableFuture<ClusterDetail> getCluster(String clusterId) {
        return http.call("GET", cluster(clusterId), null, ClusterDetail.class);
    }

    CompletableFuture<List<ClusterEvent>> listClusterEvents(String clusterId) {
        return http.call("GET", cluster(clusterId) + AdminPaths.EVENTS, null, ClusterEvent[].class).thenApply(List::of);
    }

    Subscription watchClusterEvents(String clusterId, Consumer<ApiEvent<ClusterEvent>> listener) {
        RemoteEventWatch watch = new RemoteEventWatch(http, clusterId, listener, timers);
        watches.add(watch);
        return () -> {
            watches.remove(watch);
            watch.close();
        };
    }

    CompletableFuture<ProjectSummary> createProject(String clusterId, NewProject request) {
        return http.call("POST", cluster(clusterId) + ApiPaths.PROJECTS, orEmpty(request), ProjectSummary.class);
    }

    CompletableFuture<Void> deleteProject(String clusterId, String projectId) {
        return http.call("DELETE", cluster(clusterId) + ApiPaths.PROJECTS + AdminPaths.segment(projectId), null, Void.class);
    }

    CompletableFuture<List<NamespaceSummary>> listNamespaces(String clusterId) {
        return http.call("GET", cluster(clusterId) + AdminPaths.NAMESPACES, null, NamespaceSummary[].class).thenApply(List::of);
    }

    CompletableFuture<Void> moveNamespace(String clusterId, String namespace, String projectId) {
        return http.call("PUT", cluster(clusterId) + AdminPaths.NAMESPACES + AdminPaths.segment(namespace) + AdminPaths.PROJECT,
                new AdminPaths.NamespaceMove(projectId == null ? "" : projectId), Void.class);
    }

    CompletableFuture<List<Member>> listMembers(String clusterId, String projectId) {
        String query = projectId == null || projectId.isBlank() ? ""
                : "?" + AdminPaths.PROJECT_ID + "=" + AdminPaths.segment(projectId).substring(1);
        return http.call("GET", cluster(clusterId) + AdminPaths.MEMBERS + query, null, Member[].class).thenApply(List::of);
    }

    CompletableFuture<Member> addMember(NewMember request) {
        if (request == null) {
            return CompletableFuture.failedFuture(ApiErrors.invalid("A member request is required."));
        }
        return http.call("POST", cluster(request.clusterId()) + AdminPaths.MEMBERS, request, Member.class);
    }

    CompletableFuture<Void> removeMember(String clusterId, String bindingId) {
        return http.call("DELETE", cluster(clusterId) + AdminPaths.MEMBERS + AdminPaths.segment(bindingId), null, Void.class);
    }

    CompletableFuture<UserSummary> createUser(NewUser request) {
        if (request == null) {
            return CompletableFuture.failedFuture(ApiErrors.invalid("A user request is required."));
        }
        return http.call("POST", ApiPaths.USERS, request, UserSummary.class);
    }

    CompletableFuture<UserSummary> setUserEnabled(String username, boolean enabled) {
        return http.call("PUT", ApiPaths.USERS + AdminPaths.segment(username) + AdminPaths.ENABLED, new AdminPaths.UserEnabled(enabled),
                UserSummary.class);
    }

    CompletableFuture<Void> deleteUser(String username) {
        return http.call("DELETE", ApiPaths.USERS + AdminPaths.segment(username), null, Void.class);
    }

    CompletableFuture<NodePoolSummary> scaleNodePool(String clusterId, String poolId, int quantity) {
        return http.call("PUT", cluster(clusterId) + ApiPaths.NODE_POOLS + AdminPaths.segment(poolId) + AdminPaths.QUANTITY,
                new AdminPaths.PoolQuantity(quantity), NodePoolSummary.class);
    }

    /** The server builds it with a token issued to this login; the copy is kept in this machine's vault. */
    CompletableFuture<ExportedKubeconfig> exportKubeconfig(KubeconfigExport request) {
        if (request == null) {
            return CompletableFuture.failedFuture(ApiErrors.invalid("clusterIds: choose at least one cluster."));
        }
        return http.call("POST", AdminPaths.KUBECONFIG, request, ExportedKubeconfig.class).thenApplyAsync(exported -> {
            KubeconfigVault vault = new KubeconfigVault(vaultDirectory(), Clock.systemUTC());
            String label = request.clusterIds().size() == 1 ? request.clusterIds().getFirst() : "clusters";
            return new ExportedKubeconfig(exported.yaml(), KubeconfigExports.keep(vault, label, exported.yaml()));
        }, command -> Thread.ofVirtual().name("kubeconfig-vault").start(command));
    }

    static Path vaultDirectory() {
        return DataDirectories.resolve().resolve(VAULT);
    }

    private static String cluster(String clusterId) {
        return ApiPaths.cluster(clusterId == null || clusterId.isBlank() ? "-" : clusterId);
    }

    private static NewProject orEmpty(NewProject request) {
        return request == null ? new NewProject("", null) : request;
    }
}
