package dev.drover.engine.tunnel;

import dev.drover.engine.model.Cluster;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.NotFoundException;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import java.util.Optional;

/**
 * The import flow: an imported cluster gets a registration token, the server serves the manifest at
 * {@code <server>/v3/import/<token>.yaml}, and the user runs {@code kubectl apply -f} on that URL.
 * Thread-safe; methods block on the store.
 */
public final class ClusterImports {

    /** Path prefix of the manifest URL; the token follows, then {@code .yaml}. */
    public static final String IMPORT_PATH = "/v3/import/";

    private final ResourceStore store;
    private final RegistrationTokens tokens;
    private final ImportManifest manifest;
    private final String serverUrl;
    private final String caChecksum;
    private final JsonCodec<Cluster> clusters = new JsonCodec<>(Cluster.class);

    /**
     * @param serverUrl  the https URL agents reach the server at, without a trailing slash
     * @param caChecksum {@code CaChecksum.of} the CA PEM the server serves
     */
    public ClusterImports(ResourceStore store, RegistrationTokens tokens, ImportManifest manifest, String serverUrl,
                          String caChecksum) {
        this.store = store;
        this.tokens = tokens;
        this.manifest = manifest;
        this.serverUrl = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        this.caChecksum = caChecksum;
    }

    /** A new registration token and the command to show for an existing imported cluster. */
    public ImportInstructions start(String clusterId) {
        Cluster cluster = store.get(ObjectKey.of(Cluster.KIND, clusterId)).map(clusters::decode)
                .orElseThrow(() -> new NotFoundException("Cluster " + clusterId + " does not exist."));
        if (cluster.type() != Cluster.Type.IMPORTED) {
            throw new IllegalArgumentException("Cluster " + clusterId + " is " + cluster.type() + ", not an imported cluster.");
        }
        String token = tokens.create(clusterId);
        String url = serverUrl + IMPORT_PATH + token + ".yaml";
        return new ImportInstructions(clusterId, token, url, "kubectl apply -f " + url);
    }

    /** The manifest for a presented token; empty when the token is unknown (the server answers 404). */
    public Optional<String> manifest(String token) {
        return tokens.clusterFor(token).map(cluster -> manifest.render(cluster, serverUrl, token, caChecksum));
    }
}
