package dev.drover.engine.api;

import dev.drover.engine.events.ClusterEvents;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.Event;
import dev.drover.engine.model.RoleBinding;
import dev.drover.engine.model.RoleTemplate;
import dev.drover.engine.model.User;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.LabelSelector;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cluster and project role bindings. Only the store record is written here; rbacsync turns it into
 * ClusterRoles, Roles and bindings downstream. Blocking; thread-safe.
 */
final class MemberCommands {

    private final ResourceStore store;
    private final ClusterDetails clusters;
    private final ProjectCommands projects;
    private final ClusterEvents events;
    private final JsonCodec<RoleBinding> bindings = new JsonCodec<>(RoleBinding.class);
    private final JsonCodec<RoleTemplate> templates = new JsonCodec<>(RoleTemplate.class);

    MemberCommands(ResourceStore store, ClusterDetails clusters, ProjectCommands projects, ClusterEvents events) {
        this.store = store;
        this.clusters = clusters;
        this.projects = projects;
        this.events = events;
    }

    List<Member> list(String clusterId, String projectId) {
        Cluster cluster = clusters.existing(clusterId);
        String project = projectId == null ? "" : projectId.strip();
        if (!project.isEmpty() && projects.existing(cluster, project).isEmpty()) {
            throw new ApiException(ApiException.Reason.NOT_FOUND, "Project " + project + " does not exist in cluster "
                    + cluster.displayName() + ".");
        }
        return all(cluster.id()).stream().filter(b -> b.projectId().equals(project)).map(MemberCommands::member)
                .sorted(Comparator.comparing(Member::subject).thenComparing(Member::roleTemplateId)).toList();
    }

    Member add(String actor, NewMember request) {
        if (request == null) {
            throw ApiErrors.invalid("A member request is required.");
        }
        Cluster cluster = clusters.existing(request.clusterId());
        String projectId = request.projectId() == null ? "" : request.projectId().strip();
        if (!projectId.isEmpty() && projects.existing(cluster, projectId).isEmpty()) {
            throw ApiErrors.invalid("projectId: " + projectId + " is not a project of cluster " + cluster.displayName() + ".");
        }
        String templateId = request.roleTemplateId() == null ? "" : request.roleTemplateId().strip();
        RoleTemplate template = store.get(ObjectKey.of(RoleTemplate.KIND, templateId.isEmpty() ? "-" : templateId)).map(templates::decode)
                .orElseThrow(() -> ApiErrors.invalid("roleTemplateId: there is no role template \"" + templateId + "\"."));
        RoleTemplate.Context wanted = projectId.isEmpty() ? RoleTemplate.Context.CLUSTER : RoleTemplate.Context.PROJECT;
        if (template.context() != wanted) {
            throw ApiErrors.invalid("roleTemplateId: " + template.id() + " applies to a " + template.context().name().toLowerCase(Locale.ROOT)
                    + ", not a " + wanted.name().toLowerCase(Locale.ROOT) + ".");
        }
        String subject = request.subject() == null ? "" : request.subject().strip();
        if (subject.isEmpty()) {
            throw ApiErrors.invalid("subject: a user or group name is required.");
        }
        if (!request.group()) {
            subject = subject.toLowerCase(Locale.ROOT);
            if (store.get(ObjectKey.of(User.KIND, subject)).isEmpty()) {
                throw ApiErrors.invalid("subject: there is no user \"" + subject + "\".");
            }
        }
        String who = subject;
        if (all(cluster.id()).stream().anyMatch(b -> b.projectId().equals(projectId) && b.subject().equals(who)
                && b.group() == request.group() && b.roleTemplateId().equals(template.id()))) {
            throw new ApiException(ApiException.Reason.ALREADY_EXISTS, subject + " holds " + template.id() + " there already.");
        }
        RoleBinding binding = new RoleBinding(cluster.id(), projectId, "rb-" + ClusterRequests.newId().substring(2), template.id(),
                subject, request.group());
        store.create(new ObjectKey(RoleBinding.KIND, cluster.id(), binding.id()), Map.of(), bindings.encode(binding));
        events.record(cluster.id(), Event.NORMAL, "MemberAdded", actor + " granted " + template.id() + " to " + subject + ".",
                projectId.isEmpty() ? "Cluster/" + cluster.id() : "Project/" + projectId, actor);
        return member(binding);
    }

    void remove(String actor, String clusterId, String bindingId) {
        Cluster cluster = clusters.existing(clusterId);
        ObjectKey key = new ObjectKey(RoleBinding.KIND, cluster.id(), bindingId == null || bindingId.isBlank() ? "-" : bindingId.strip());
        RoleBinding binding = store.get(key).map(bindings::decode).orElseThrow(() -> new ApiException(ApiException.Reason.NOT_FOUND,
                "Member " + bindingId + " does not exist in cluster " + cluster.displayName() + "."));
        store.delete(key, 0);
        events.record(cluster.id(), Event.NORMAL, "MemberRemoved", actor + " took " + binding.roleTemplateId() + " from "
                + binding.subject() + ".", binding.isProjectBinding() ? "Project/" + binding.projectId() : "Cluster/" + cluster.id(), actor);
    }

    /** Whether the user (or one of their groups) holds cluster-owner in that cluster. */
    boolean isClusterOwner(String username, List<String> groups, String clusterId) {
        if (clusterId == null || clusterId.isBlank()) {
            return false;
        }
        return all(clusterId.strip()).stream().anyMatch(b -> !b.isProjectBinding() && "cluster-owner".equals(b.roleTemplateId())
                && (b.group() ? groups.contains(b.subject()) : b.subject().equals(username)));
    }

    private List<RoleBinding> all(String clusterId) {
        return store.list(new ListRequest(RoleBinding.KIND, clusterId, LabelSelector.EVERYTHING, 0, null)).items().stream()
                .map(bindings::decode).toList();
    }

    private static Member member(RoleBinding b) {
        return new Member(b.id(), b.clusterId(), b.projectId(), b.subject(), b.group(), b.roleTemplateId());
    }
}
