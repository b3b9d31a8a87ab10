package dev.drover.engine.api;

/** The roles of a node in an RKE cluster, as cluster.yml spells them in lower case. */
public enum RkeRole {
    ETCD("etcd"), CONTROLPLANE("controlplane"), WORKER("worker");

    private final String yamlName;

    RkeRole(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The role's name in cluster.yml ({@code etcd}, {@code controlplane}, {@code worker}). */
    public String yamlName() {
        return yamlName;
    }
}
