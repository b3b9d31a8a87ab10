package dev.drover.engine.api;

import dev.drover.engine.auth.IssuedToken;
import dev.drover.engine.auth.Principal;
import dev.drover.engine.auth.TokenIdentity;
import dev.drover.engine.auth.TokenRequest;
import dev.drover.engine.auth.TokenService;
import dev.drover.engine.downstream.DownstreamCredential;
import dev.drover.engine.downstream.DownstreamCredentials;
import dev.drover.engine.kubeconfig.ClusterAccess;
import dev.drover.engine.kubeconfig.Kubeconfig;
import dev.drover.engine.kubeconfig.KubeconfigBuilder;
import dev.drover.engine.kubeconfig.KubeconfigRequest;
import dev.drover.engine.kubeconfig.KubeconfigVault;
import dev.drover.engine.kubeconfig.SecretFiles;
import dev.drover.engine.model.Cluster;
import dev.drover.engine.model.ClusterCredential;
import dev.drover.engine.model.NodePool;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.LabelSelector;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Kubeconfig export with ACE (engine.kubeconfig's {@link KubeconfigBuilder}) and the client-side file
 * writes. Direct (ACE) endpoints: a direct cluster's own API endpoint as its one {@code -fqdn} context;
 * an RKE cluster's control-plane pool nodes on 6443; imported clusters have none Drover knows of. Blocking.
 */
final class KubeconfigExports {

    /** How long an exported kubeconfig's token lives; the user exports again after that. */
    static final Duration TOKEN_TTL = Duration.ofDays(90);
    static final int RKE_API_PORT = 6443;

    private final ResourceStore store;
    private final ClusterDetails clusters;
    private final DownstreamCredentials credentials;
    private final JsonCodec<ClusterCredential> sealed = new JsonCodec<>(ClusterCredential.class);
    private final JsonCodec<NodePool> pools = new JsonCodec<>(NodePool.class);

    KubeconfigExports(ResourceStore store, ClusterDetails clusters, DownstreamCredentials credentials) {
        this.store = store;
        this.clusters = clusters;
        this.credentials = credentials;
    }

    /**
     * The server's export for {@code caller}: issues them a token (scoped to the cluster when there is one)
     * and builds proxy and/or ACE contexts. The console keeps the vault copy, not the server.
     */
    ExportedKubeconfig forCaller(KubeconfigExport request, TokenIdentity caller, TokenService tokens, String serverUrl, String serverCaPem) {
        List<Cluster> chosen = checked(request);
        List<ClusterAccess> access = chosen.stream().map(this::access).toList();
        String scope = chosen.size() == 1 ? chosen.getFirst().id() : "";
        IssuedToken token = tokens.issue(new Principal(caller.username(), caller.username(), caller.provider(), caller.groups(), caller.admin()),
                new TokenRequest(TOKEN_TTL, null, scope, "kubeconfig"));
        String yaml = KubeconfigBuilder.build(new KubeconfigRequest(serverUrl, serverCaPem, caller.username(), token.value(), access,
                request.proxyContexts(), request.aceContexts()));
        return new ExportedKubeconfig(yaml, "");
    }

    /**
     * Lab mode: no server to proxy through and no Drover tokens downstream, so only direct clusters, each
     * context with the credential the user gave for that cluster. Kept in {@code vault}.
     */
    ExportedKubeconfig inLab(KubeconfigExport request, KubeconfigVault vault) {
        List<Cluster> chosen = checked(request);
        if (request.proxyContexts()) {
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "Lab mode has no server to proxy through:"
                    + " export ACE contexts only, or attach to a drover server.");
        }
        List<String> documents = new ArrayList<>();
        for (Cluster cluster : chosen) {
            DownstreamCredential credential = cluster.type() == Cluster.Type.DIRECT ? credentials.find(cluster.id()).orElse(null) : null;
            if (credential == null) {
                throw ApiErrors.invalid("Cluster " + cluster.displayName() + " has no direct endpoint and credential:"
                        + " lab mode exports only direct clusters.");
            }
            ClusterAccess access = new ClusterAccess(cluster.id(), cluster.displayName(), true, authority(cluster.apiEndpoint()),
                    credential.caCertPem(), List.of());
            documents.add(KubeconfigBuilder.build(new KubeconfigRequest("https://lab.invalid", "", cluster.displayName(),
                    credential.bearerToken(), List.of(access), false, true)));
        }
        String yaml = KubeconfigMerge.merge(documents);
        return new ExportedKubeconfig(yaml, keep(vault, label(chosen), yaml));
    }

    /** Keeps the copy offline recovery reads; returns its path. */
    static String keep(KubeconfigVault vault, String label, String yaml) {
        try {
            return vault.save(label, yaml).toString();
        } catch (IOException e) {
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "The kubeconfig could not be kept in the vault "
                    + vault.directory() + ": " + e.getMessage(), e);
        }
    }

    static void save(String yaml, Path target) {
        if (target == null) {
            throw ApiErrors.invalid("target: a file to write is required.");
        }
        try {
            Kubeconfig.parse(yaml == null ? "" : yaml);
        } catch (IllegalArgumentException e) {
            throw ApiErrors.invalid("yaml: " + e.getMessage() + ".");
        }
        try {
            SecretFiles.write(target, yaml);
        } catch (IOException e) {
            throw new ApiException(ApiException.Reason.UNAVAILABLE, "Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    static String label(List<?> clusters) {
        return clusters.size() == 1 && clusters.getFirst() instanceof Cluster c ? c.displayName() : "clusters";
    }

    private List<Cluster> checked(KubeconfigExport request) {
        if (request == null || request.clusterIds() == null || request.clusterIds().isEmpty()) {
            throw ApiErrors.invalid("clusterIds: choose at least one cluster.");
        }
        if (!request.proxyContexts() && !request.aceContexts()) {
            throw ApiErrors.invalid("Choose proxy contexts, ACE contexts or both.");
        }
        return new LinkedHashSet<>(request.clusterIds()).stream().map(clusters::existing).toList();
    }

    private ClusterAccess access(Cluster cluster) {
        Optional<ClusterCredential> stored = store.get(ObjectKey.of(ClusterCredential.KIND, cluster.id())).map(sealed::decode);
        String ca = stored.map(ClusterCredential::caPem).orElse("");
        return switch (cluster.type()) {
            case DIRECT -> new ClusterAccess(cluster.id(), cluster.displayName(), true, authority(cluster.apiEndpoint()),
                    ca.isEmpty() ? credentials.find(cluster.id()).map(DownstreamCredential::caCertPem).orElse("") : ca, List.of());
            case RKE -> {
                List<ClusterAccess.ControlPlaneNode> nodes = store.list(new ListRequest(NodePool.KIND, cluster.id(), LabelSelector.EVERYTHING, 0, null))
                        .items().stream().map(pools::decode).filter(p -> p.roles().contains("controlplane"))
                        .flatMap(p -> p.nodes().stream()).filter(n -> n.address() != null && !n.address().isBlank())
                        .map(n -> new ClusterAccess.ControlPlaneNode(n.name(), n.address(), RKE_API_PORT)).toList();
                yield new ClusterAccess(cluster.id(), cluster.displayName(), !nodes.isEmpty(), "", ca, nodes);
            }
            case IMPORTED -> new ClusterAccess(cluster.id(), cluster.displayName(), false, "", ca, List.of());
        };
    }

    /** {@code host:port} of an https endpoint (port 443 when none). */
    private static String authority(String endpoint) {
        URI uri = URI.create(endpoint);
        return uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 443);
    }
}
