package dev.drover.app.shell;

import java.util.Locale;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The pages the sidebar offers, in sidebar order; Ctrl+1 … Ctrl+7 follow this order too. */
public enum Section {
    CLUSTERS("Clusters", Feather.SERVER, "No clusters yet", ""),
    PROJECTS("Projects", Feather.FOLDER, "No projects yet",
            "Projects group namespaces of a cluster so one team shares permissions and quotas."),
    NODE_POOLS("Node pools", Feather.LAYERS, "No node pools yet",
            "Node pools describe the machines Drover provisions for RKE clusters: roles, count and template."),
    WORKLOADS("Workloads", Feather.BOX, "No workloads to show",
            "Deployments, StatefulSets and Jobs of every cluster appear here once a cluster is connected."),
    USERS("Users", Feather.USERS, "Users",
            "Local and directory users, their global roles and API tokens will be managed here."),
    KUBECONFIG("Kubeconfig", Feather.FILE_TEXT, "Kubeconfig",
            "Download a kubeconfig that reaches your clusters through Drover's authenticating proxy."),
    SETTINGS("Settings", Feather.SETTINGS, "Settings",
            "Engine and console settings will live here. The theme toggle is in the sidebar.");

    private final String title;
    private final Ikon icon;
    private final String emptyTitle;
    private final String emptyText;

    Section(String title, Ikon icon, String emptyTitle, String emptyText) {
        this.title = title;
        this.icon = icon;
        this.emptyTitle = emptyTitle;
        this.emptyText = emptyText;
    }

    public String title() {
        return title;
    }

    public Ikon icon() {
        return icon;
    }

    public String emptyTitle() {
        return emptyTitle;
    }

    public String emptyText() {
        return emptyText;
    }

    /** A stable lowercase name for ids and style classes, e.g. {@code node-pools}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
