package dev.drover.app.projects;

import dev.drover.app.clusters.ClusterRow;
import dev.drover.app.fx.Failures;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.projects.ProjectRows.MemberRow;
import dev.drover.app.projects.ProjectRows.NamespaceRow;
import dev.drover.app.projects.ProjectRows.ProjectRow;
import dev.drover.app.projects.ProjectRows.RoleRow;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.NewMember;
import dev.drover.engine.api.NewProject;
import dev.drover.engine.api.ProjectQuota;
import dev.drover.engine.api.ProjectSummary;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The projects of one cluster, its namespaces and the members of the selected project. Every change
 * reloads what it touched from the engine, so the page shows what the engine stored, not what was sent.
 * FX thread; the engine's futures complete elsewhere and are moved back.
 */
public final class ProjectsViewModel {

    private final ManagementApi api;
    private final FxThreads threads;
    private final ObservableList<ClusterRow> clusters;
    private final StringProperty clusterId = new SimpleStringProperty(this, "clusterId", "");
    private final ObjectProperty<ProjectRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<ProjectRow> projects = FXCollections.observableArrayList();
    private final ObservableList<NamespaceRow> namespaces = FXCollections.observableArrayList();
    private final ObservableList<MemberRow> members = FXCollections.observableArrayList();
    private final ObservableList<RoleRow> roles = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private Map<String, String> roleNames = Map.of();

    public ProjectsViewModel(ManagementApi api, FxThreads threads, ObservableList<ClusterRow> clusters) {
        this.api = api;
        this.threads = threads;
        this.clusters = clusters;
        clusterId.addListener((observable, old, id) -> {
            selected.set(null);
            reload();
        });
        selected.addListener((observable, old, project) -> loadMembers());
    }

    /** The clusters to choose from (the clusters page's list). */
    public ObservableList<ClusterRow> clusters() {
        return clusters;
    }

    /** The cluster shown; empty for none. */
    public StringProperty clusterIdProperty() {
        return clusterId;
    }

    /** The project whose members are shown. */
    public ObjectProperty<ProjectRow> selectedProperty() {
        return selected;
    }

    /** Reads projects, namespaces and project role templates of the cluster again. */
    public void reload() {
        String id = clusterId.get();
        if (id == null || id.isEmpty()) {
            projects.clear();
            namespaces.clear();
            members.clear();
            return;
        }
        when(api.listRoleTemplates(), "Cannot read the role templates", templates -> {
            roles.setAll(templates.stream().filter(t -> "PROJECT".equalsIgnoreCase(t.context()))
                    .map(t -> new RoleRow(t.id(), t.displayName())).toList());
            roleNames = templates.stream().collect(Collectors.toMap(t -> t.id(), t -> t.displayName(), (a, b) -> a));
            loadProjects(id);
        });
    }

    private void loadProjects(String id) {
        when(api.listProjects(id), "Cannot read the projects", list -> {
            if (!id.equals(clusterId.get())) {
                return;
            }
            String keep = selected.get() == null ? "" : selected.get().id();
            projects.setAll(list.stream().map(p -> new ProjectRow(p.id(), p.displayName(), ProjectRows.quotaText(p.quota()))).toList());
            selected.set(projects.stream().filter(p -> p.id().equals(keep)).findFirst().orElse(projects.isEmpty() ? null : projects.getFirst()));
            loadNamespaces(id);
        });
    }

    private void loadNamespaces(String id) {
        Map<String, String> names = projects.stream().collect(Collectors.toMap(ProjectRow::id, ProjectRow::name));
        when(api.listNamespaces(id), "Cannot read the namespaces", list -> {
            if (id.equals(clusterId.get())) {
                namespaces.setAll(list.stream().map(n -> new NamespaceRow(n.name(), n.projectId(), names.getOrDefault(n.projectId(), "")))
                        .toList());
            }
        });
    }

    private void loadMembers() {
        ProjectRow project = selected.get();
        if (project == null) {
            members.clear();
            return;
        }
        when(api.listMembers(clusterId.get(), project.id()), "Cannot read the members", list -> {
            if (project.equals(selected.get())) {
                members.setAll(list.stream().map(m -> new MemberRow(m.id(), m.subject(), m.group(),
                        roleNames.getOrDefault(m.roleTemplateId(), m.roleTemplateId()))).toList());
            }
        });
    }

    /** Creates a project; blank quota fields mean no limit. Returns at once; {@code onCreated} runs on success. */
    public void createProject(String name, String cpu, String memory, String pods, Runnable onCreated) {
        if (name == null || name.isBlank()) {
            error.set("A project needs a name.");
            return;
        }
        ProjectQuota quota = blank(cpu) && blank(memory) && blank(pods) ? null
                : new ProjectQuota(strip(cpu), strip(memory), strip(pods), "", "");
        String id = clusterId.get();
        when(api.createProject(id, new NewProject(name.strip(), quota)), "Cannot create " + name.strip(), (ProjectSummary created) -> {
            notice.set("Created project " + created.displayName() + ".");
            selected.set(new ProjectRow(created.id(), created.displayName(), ProjectRows.quotaText(created.quota())));
            onCreated.run();
            loadProjects(id);
        });
    }

    /** Moves {@code namespace} into {@code target} ({@link ProjectRows#NONE}: out of any project). */
    public void moveNamespace(NamespaceRow namespace, ProjectRow target) {
        String id = clusterId.get();
        when(api.moveNamespace(id, namespace.name(), target.id()), "Cannot move " + namespace.name(), done -> {
            notice.set(target.id().isEmpty() ? "Moved " + namespace.name() + " out of its project."
                    : "Moved " + namespace.name() + " to " + target.name() + ".");
            loadNamespaces(id);
        });
    }

    /** Grants {@code role} in the selected project to a user or group. */
    public void addMember(String subject, boolean group, RoleRow role) {
        ProjectRow project = selected.get();
        if (project == null || role == null || subject == null || subject.isBlank()) {
            error.set("Name a user or group and pick a role.");
            return;
        }
        when(api.addMember(new NewMember(clusterId.get(), project.id(), subject.strip(), group, role.id())),
                "Cannot add " + subject.strip(), member -> {
                    notice.set(subject.strip() + " is now " + role.name() + " of " + project.name() + ".");
                    loadMembers();
                });
    }

    public void removeMember(MemberRow member) {
        when(api.removeMember(clusterId.get(), member.id()), "Cannot remove " + member.subject(), done -> {
            notice.set("Removed " + member.subject() + ".");
            loadMembers();
        });
    }

    /** Runs {@code then} on the FX thread with the result, or shows why it failed. */
    private <T> void when(CompletableFuture<T> call, String failing, Consumer<T> then) {
        busy.set(true);
        error.set("");
        call.whenComplete((result, failure) -> threads.fx().execute(() -> {
            busy.set(false);
            if (failure != null) {
                notice.set("");
                error.set(Failures.describe(failure, failing));
            } else {
                then.accept(result);
            }
        }));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }

    public ObservableList<ProjectRow> projects() {
        return projects;
    }

    public ObservableList<NamespaceRow> namespaces() {
        return namespaces;
    }

    public ObservableList<MemberRow> members() {
        return members;
    }

    /** Role templates of the project context. */
    public ObservableList<RoleRow> roles() {
        return roles;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
