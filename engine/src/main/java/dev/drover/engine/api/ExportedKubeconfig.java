package dev.drover.engine.api;

/** An exported kubeconfig: its YAML (holds a token: treat as secret) and where the local vault copy was kept. */
public record ExportedKubeconfig(String yaml, String vaultFile) {
    @Override
    public String toString() {
        return "ExportedKubeconfig[vaultFile=" + vaultFile + "]";
    }
}
