package dev.drover.engine.tunnel;

/**
 * What the user needs to import a cluster: run {@link #kubectlCommand()} against it.
 *
 * @param clusterId      the imported cluster
 * @param token          the registration token (secret: show once)
 * @param manifestUrl    where the server serves the import manifest
 * @param kubectlCommand {@code kubectl apply -f <manifestUrl>}
 */
public record ImportInstructions(String clusterId, String token, String manifestUrl, String kubectlCommand) {

    @Override
    public String toString() {
        return "ImportInstructions[clusterId=" + clusterId + ", token=<hidden>]";
    }
}
