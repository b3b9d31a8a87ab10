package dev.drover.app;

import dev.drover.engine.api.ApiEvent;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.ClusterDetail;
import dev.drover.engine.api.ClusterEvent;
import dev.drover.engine.api.ExportedKubeconfig;
import dev.drover.engine.api.KubeconfigExport;
import dev.drover.engine.api.Member;
import dev.drover.engine.api.NamespaceSummary;
import dev.drover.engine.api.NewMember;
import dev.drover.engine.api.NewProject;
import dev.drover.engine.api.NewUser;
import dev.drover.engine.api.NodePoolSummary;
import dev.drover.engine.api.ProjectSummary;
import dev.drover.engine.api.RoleTemplateSummary;
import dev.drover.engine.api.Subscription;
import dev.drover.engine.api.UserSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The administration half of {@link FakeManagementApi}: cluster details and events, projects, namespaces,
 * members, users, role templates, node pools and kubeconfig exports, all in memory. Rules the console must
 * show (taken names, weak passwords, negative quantities) fail as the engine's contract says.
 */
public final class FakeAdmin {

    public static final List<RoleTemplateSummary> BUILT_IN_ROLES = List.of(
            new RoleTemplateSummary("cluster-owner", "Cluster Owner", "CLUSTER", true),
            new RoleTemplateSummary("cluster-member", "Cluster Member", "CLUSTER", true),
            new RoleTemplateSummary("project-owner", "Project Owner", "PROJECT", true),
            new RoleTemplateSummary("project-member", "Project Member", "PROJECT", true),
            new RoleTemplateSummary("read-only", "Read-only", "PROJECT", true));

    private final Map<String, ClusterDetail> details = new LinkedHashMap<>();
    private final Map<String, List<ClusterEvent>> events = new LinkedHashMap<>();
    private final Map<String, List<Consumer<ApiEvent<ClusterEvent>>>> eventWatchers = new LinkedHashMap<>();
    private final List<ProjectSummary> projects = new ArrayList<>();
    private final Map<String, NamespaceSummary> namespaces = new LinkedHashMap<>();
    private final List<Member> members = new ArrayList<>();
    private final Map<String, UserSummary> users = new LinkedHashMap<>();
    private final List<NodePoolSummary> pools = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** Kubeconfigs saved, by target, as the engine would write them (0600). */
    public final Map<Path, String> saved = new java.util.concurrent.ConcurrentHashMap<>();
    public final List<KubeconfigExport> exports = new CopyOnWriteArrayList<>();

    public synchronized FakeAdmin detail(ClusterDetail detail) {
        details.put(detail.summary().id(), detail);
        events.put(detail.summary().id(), new ArrayList<>(detail.recentEvents()));
        return this;
    }

    public synchronized FakeAdmin project(ProjectSummary project) {
        projects.add(project);
        return this;
    }

    public synchronized FakeAdmin namespace(String clusterId, String name, String projectId) {
        namespaces.put(clusterId + "/" + name, new NamespaceSummary(clusterId, name, projectId));
        return this;
    }

    public synchronized FakeAdmin member(Member member) {
        members.add(member);
        return this;
    }

    public synchronized FakeAdmin user(UserSummary user) {
        users.put(user.username(), user);
        return this;
    }

    public synchronized FakeAdmin pool(NodePoolSummary pool) {
        pools.add(pool);
        return this;
    }

    public synchronized List<NamespaceSummary> namespaces() {
        return List.copyOf(namespaces.values());
    }

    public synchronized List<Member> members() {
        return List.copyOf(members);
    }

    public synchronized List<ProjectSummary> projects() {
        return List.copyOf(projects);
    }

    public synchronized Map<String, UserSummary> users() {
        return Map.copyOf(users);
    }

    public synchronized List<NodePoolSummary> pools() {
        return List.copyOf(pools);
    }

    /** Records an event and delivers it to the cluster's event watchers, on the calling thread. */
    public void emitEvent(ClusterEvent event) {
        List<Consumer<ApiEvent<ClusterEvent>>> listeners;
        synchronized (this) {
            events.computeIfAbsent(event.clusterId(), id -> new ArrayList<>()).addFirst(event);
            listeners = List.copyOf(eventWatchers.getOrDefault(event.clusterId(), List.of()));
        }
        listeners.forEach(listener -> listener.accept(new ApiEvent<>(ApiEvent.Type.ADDED, event)));
    }

    public synchronized int eventWatchers(String clusterId) {
        return eventWatchers.getOrDefault(clusterId, List.of()).size();
    }

    synchronized CompletableFuture<ClusterDetail> getCluster(String clusterId) {
        ClusterDetail detail = details.get(clusterId);
        return detail == null ? fail(ApiException.Reason.NOT_FOUND, "Cluster " + clusterId + " does not exist.")
                : CompletableFuture.completedFuture(detail);
    }

    synchronized CompletableFuture<List<ClusterEvent>> listEvents(String clusterId) {
        return CompletableFuture.completedFuture(List.copyOf(events.getOrDefault(clusterId, List.of())));
    }

    Subscription watchEvents(String clusterId, Consumer<ApiEvent<ClusterEvent>> listener) {
        List<ClusterEvent> existing;
        synchronized (this) {
            existing = List.copyOf(events.getOrDefault(clusterId, List.of()));
        }
        existing.forEach(event -> listener.accept(new ApiEvent<>(ApiEvent.Type.ADDED, event)));
        synchronized (this) {
            eventWatchers.computeIfAbsent(clusterId, id -> new CopyOnWriteArrayList<>()).add(listener);
        }
        return () -> {
            synchronized (this) {
                eventWatchers.getOrDefault(clusterId, new ArrayList<>()).remove(listener);
            }
        };
    }

    synchronized CompletableFuture<List<ProjectSummary>> listProjects(String clusterId) {
        return CompletableFuture.completedFuture(projects.stream().filter(p -> p.clusterId().equals(clusterId))
                .sorted(Comparator.comparing(ProjectSummary::displayName)).toList());
    }

    synchronized CompletableFuture<ProjectSummary> createProject(String clusterId, NewProject request) {
        if (request.displayName() == null || request.displayName().isBlank()) {
            return fail(ApiException.Reason.INVALID, "A project needs a name.");
        }
        if (projects.stream().anyMatch(p -> p.clusterId().equals(clusterId) && p.displayName().equals(request.displayName()))) {
            return fail(ApiException.Reason.ALREADY_EXISTS, "A project named " + request.displayName() + " exists already.");
        }
        if (request.quota() != null && !request.quota().cpu().isEmpty() && !request.quota().cpu().matches("[0-9]+m?")) {
            return fail(ApiException.Reason.INVALID, "The CPU limit \"" + request.quota().cpu() + "\" is not a Kubernetes quantity.");
        }
        ProjectSummary created = new ProjectSummary(clusterId, "project-" + ids.incrementAndGet(), request.displayName(), request.quota());
        projects.add(created);
        return CompletableFuture.completedFuture(created);
    }

    synchronized CompletableFuture<List<NamespaceSummary>> listNamespaces(String clusterId) {
        return CompletableFuture.completedFuture(namespaces.values().stream().filter(n -> n.clusterId().equals(clusterId))
                .sorted(Comparator.comparing(NamespaceSummary::name)).toList());
    }

    synchronized CompletableFuture<Void> moveNamespace(String clusterId, String namespace, String projectId) {
        if (!namespaces.containsKey(clusterId + "/" + namespace)) {
            return fail(ApiException.Reason.NOT_FOUND, "Namespace " + namespace + " does not exist.");
        }
        namespaces.put(clusterId + "/" + namespace, new NamespaceSummary(clusterId, namespace, projectId));
        return CompletableFuture.completedFuture(null);
    }

    synchronized CompletableFuture<List<Member>> listMembers(String clusterId, String projectId) {
        return CompletableFuture.completedFuture(members.stream()
                .filter(m -> m.clusterId().equals(clusterId) && m.projectId().equals(projectId)).toList());
    }

    synchronized CompletableFuture<Member> addMember(NewMember request) {
        if (BUILT_IN_ROLES.stream().noneMatch(r -> r.id().equals(request.roleTemplateId()))) {
            return fail(ApiException.Reason.INVALID, "There is no role template " + request.roleTemplateId() + ".");
        }
        Member member = new Member("binding-" + ids.incrementAndGet(), request.clusterId(), request.projectId(), request.subject(),
                request.group(), request.roleTemplateId());
        members.add(member);
        return CompletableFuture.completedFuture(member);
    }

    synchronized CompletableFuture<Void> removeMember(String clusterId, String bindingId) {
        return members.removeIf(m -> m.id().equals(bindingId)) ? CompletableFuture.completedFuture(null)
                : fail(ApiException.Reason.NOT_FOUND, "That binding is gone already.");
    }

    synchronized CompletableFuture<List<UserSummary>> listUsers() {
        return CompletableFuture.completedFuture(users.values().stream().sorted(Comparator.comparing(UserSummary::username)).toList());
    }

    synchronized CompletableFuture<UserSummary> createUser(NewUser request) {
        if (users.containsKey(request.username())) {
            return fail(ApiException.Reason.ALREADY_EXISTS, "A user named " + request.username() + " exists already.");
        }
        if (request.password().length < 12) {
            return fail(ApiException.Reason.INVALID, "The password must have at least 12 characters.");
        }
        UserSummary created = new UserSummary(request.username(), request.displayName(), "local", true, request.admin());
        users.put(created.username(), created);
        return CompletableFuture.completedFuture(created);
    }

    synchronized CompletableFuture<UserSummary> setEnabled(String username, boolean enabled) {
        UserSummary user = users.get(username);
        if (user == null) {
            return fail(ApiException.Reason.NOT_FOUND, "User " + username + " does not exist.");
        }
        UserSummary changed = new UserSummary(user.username(), user.displayName(), user.provider(), enabled, user.admin());
        users.put(username, changed);
        return CompletableFuture.completedFuture(changed);
    }

    synchronized CompletableFuture<Void> deleteUser(String username) {
        return users.remove(username) != null ? CompletableFuture.completedFuture(null)
                : fail(ApiException.Reason.NOT_FOUND, "User " + username + " does not exist.");
    }

    synchronized CompletableFuture<List<NodePoolSummary>> listPools(String clusterId) {
        return CompletableFuture.completedFuture(pools.stream().filter(p -> p.clusterId().equals(clusterId)).toList());
    }

    synchronized CompletableFuture<NodePoolSummary> scalePool(String clusterId, String poolId, int quantity) {
        if (quantity < 0) {
            return fail(ApiException.Reason.INVALID, "A node pool cannot have fewer than 0 nodes.");
        }
        for (int i = 0; i < pools.size(); i++) {
            NodePoolSummary pool = pools.get(i);
            if (pool.clusterId().equals(clusterId) && pool.id().equals(poolId)) {
                NodePoolSummary scaled = new NodePoolSummary(clusterId, poolId, pool.nodeTemplateId(), pool.hostnamePrefix(), pool.roles(),
                        quantity, pool.nodes());
                pools.set(i, scaled);
                return CompletableFuture.completedFuture(scaled);
            }
        }
        return fail(ApiException.Reason.NOT_FOUND, "Node pool " + poolId + " does not exist.");
    }

    CompletableFuture<ExportedKubeconfig> export(KubeconfigExport request) {
        if (request.clusterIds().isEmpty() || !request.proxyContexts() && !request.aceContexts()) {
            return fail(ApiException.Reason.INVALID, "Pick at least one cluster and one kind of context.");
        }
        exports.add(request);
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: Config\ncontexts:\n");
        for (String id : request.clusterIds()) {
            if (request.proxyContexts()) {
                yaml.append("- name: ").append(id).append("\n");
            }
            if (request.aceContexts()) {
                yaml.append("- name: ").append(id).append("-direct\n");
            }
        }
        yaml.append("users:\n- name: drover\n  user:\n    token: kubeconfig-u-1:secret\n");
        return CompletableFuture.completedFuture(new ExportedKubeconfig(yaml.toString(), "/tmp/vault/20261123-export.yaml"));
    }

    CompletableFuture<Void> save(String yaml, Path target) {
        saved.put(target, yaml);
        return CompletableFuture.completedFuture(null);
    }

    private static <T> CompletableFuture<T> fail(ApiException.Reason reason, String message) {
        return CompletableFuture.failedFuture(new ApiException(reason, message));
    }
}
