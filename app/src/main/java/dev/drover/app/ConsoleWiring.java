package dev.drover.app;

import dev.drover.app.clusters.AddClusterViewModel;
import dev.drover.app.clusters.ClusterDetailViewModel;
import dev.drover.app.clusters.ClusterRow;
import dev.drover.app.clusters.ClustersView;
import dev.drover.app.clusters.ClustersViewModel;
import dev.drover.app.connect.ConsoleSettings;
import dev.drover.app.fx.EmptyState;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.fx.ThemeSwitcher;
import dev.drover.app.kubeconfig.KubeconfigView;
import dev.drover.app.kubeconfig.KubeconfigViewModel;
import dev.drover.app.nodepools.NodePoolsView;
import dev.drover.app.nodepools.NodePoolsViewModel;
import dev.drover.app.palette.PaletteEntry;
import dev.drover.app.palette.PaletteView;
import dev.drover.app.palette.PaletteViewModel;
import dev.drover.app.projects.ProjectsView;
import dev.drover.app.projects.ProjectsViewModel;
import dev.drover.app.settings.SettingsView;
import dev.drover.app.settings.SettingsViewModel;
import dev.drover.app.shell.Section;
import dev.drover.app.shell.ShellView;
import dev.drover.app.shell.ShellViewModel;
import dev.drover.app.users.UsersView;
import dev.drover.app.users.UsersViewModel;
import dev.drover.app.workloads.WorkloadActionsViewModel;
import dev.drover.app.workloads.WorkloadsView;
import dev.drover.app.workloads.WorkloadsViewModel;
import dev.drover.engine.api.ManagementApi;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;

/**
 * Every ViewModel and view of an attached console, built in one place for one engine. {@link ConsoleApp}
 * builds it once connected; tests build it exactly the same way on a fake engine.
 */
public final class ConsoleWiring implements AutoCloseable {

    public final ShellViewModel shellModel;
    public final ClustersViewModel clusters;
    public final PaletteViewModel paletteModel;
    public final WorkloadsViewModel workloads;
    public final ClusterDetailViewModel clusterDetail;
    public final Map<Section, Node> pages = new EnumMap<>(Section.class);
    public final ShellView shell;
    private final dev.drover.app.wizard.WizardWindow wizard;

    /** As {@link #ConsoleWiring(ManagementApi, FxThreads, ThemeSwitcher, ConsoleSettings)} without remembered settings. */
    public ConsoleWiring(ManagementApi api, FxThreads threads, ThemeSwitcher themes) {
        this(api, threads, themes, null);
    }

    /**
     * Builds everything on the FX thread; nothing is watched until {@link #start()}.
     *
     * @param settings what the console remembers (servers for the settings page); {@code null} for none
     */
    public ConsoleWiring(ManagementApi api, FxThreads threads, ThemeSwitcher themes, ConsoleSettings settings) {
        shellModel = new ShellViewModel(api, themes);
        clusters = new ClustersViewModel(api, threads);
        for (Section section : Section.values()) {
            pages.put(section, new EmptyState(section.icon().getDescription(), section.emptyTitle(), section.emptyText()));
        }
        clusterDetail = new ClusterDetailViewModel(api, threads, clusters);
        pages.put(Section.CLUSTERS, new ClustersView(clusters, new AddClusterViewModel(api, threads), clusterDetail).root());
        workloads = new WorkloadsViewModel(threads, api);
        pages.put(Section.WORKLOADS, new WorkloadsView(workloads, new WorkloadActionsViewModel(api, threads)).root());
        // The scope box offers the clusters the clusters page knows, by name.
        clusters.clusters().addListener((ListChangeListener<ClusterRow>) change ->
                workloads.setClusters(clusters.clusters().stream()
                        .sorted(Comparator.comparing(ClusterRow::name))
                        .map(row -> new WorkloadsViewModel.Scope(row.id(), row.name())).toList()));
        pages.put(Section.SETTINGS, new SettingsView(new SettingsViewModel(themes, settings)).root());
        // The administration pages (issue #6): each a View over its ViewModel, per-cluster ones on the clusters list.
        pages.put(Section.PROJECTS, new ProjectsView(new ProjectsViewModel(api, threads, clusters.clusters())).root());
        pages.put(Section.NODE_POOLS, new NodePoolsView(new NodePoolsViewModel(api, threads, clusters.clusters())).root());
        pages.put(Section.USERS, new UsersView(new UsersViewModel(api, threads)).root());
        pages.put(Section.KUBECONFIG, new KubeconfigView(new KubeconfigViewModel(api, threads, clusters.clusters())).root());
        paletteModel = new PaletteViewModel(this::paletteEntries);
        shell = new ShellView(shellModel, pages, new PaletteView(paletteModel));
        // The RKE cluster wizard (issue #7): from the clusters page's toolbar and from the palette.
        wizard = new dev.drover.app.wizard.WizardWindow(() -> new dev.drover.app.wizard.WizardViewModel(api, threads));
        ClustersView.setOnCreateRke(pages.get(Section.CLUSTERS), this::openWizard);
    }

    /** Every view and cluster, for the command palette. */
    private List<PaletteEntry> paletteEntries() {
        List<PaletteEntry> entries = new ArrayList<>();
        for (Section section : Section.values()) {
            entries.add(new PaletteEntry(section.title(), "View", () -> shellModel.select(section)));
        }
        entries.add(new PaletteEntry("Create RKE cluster…", "Action", this::openWizard));
        clusters.clusters().forEach(cluster -> entries.add(new PaletteEntry(cluster.name(), "Cluster", () -> {
            shellModel.select(Section.CLUSTERS);
            clusters.select(cluster.id());
        })));
        return entries;
    }

    private void openWizard() {
        wizard.open(shell.root().getScene() == null ? null : shell.root().getScene().getWindow());
    }

    /** Opens the RKE wizard on its review step with a cluster.yml's text (a file opened with Drover). FX thread. */
    public void openClusterYaml(String clusterYaml) {
        wizard.open(shell.root().getScene() == null ? null : shell.root().getScene().getWindow(), clusterYaml);
    }

    /** Starts every watch; returns at once. FX thread. */
    public void start() {
        clusters.start();
    }

    @Override
    public void close() {
        workloads.close();
        clusterDetail.close();
        clusters.close();
    }
}
