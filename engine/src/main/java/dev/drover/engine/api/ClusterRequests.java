package dev.drover.engine.api;

import dev.drover.engine.model.Cluster;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.Locale;

/** Validates cluster requests and maps clusters between the model and the API records. */
final class ClusterRequests {

    static final int MAX_DISPLAY_NAME = 63;
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClusterRequests() {
    }

    /** Checks a request and returns the new cluster with a fresh id; bad input fails with INVALID. */
    static Cluster newCluster(NewCluster request) {
        if (request == null) {
            throw ApiErrors.invalid("A cluster request is required.");
        }
        String name = request.displayName() == null ? "" : request.displayName().strip();
        if (name.isEmpty()) {
            throw ApiErrors.invalid("displayName: a cluster needs a name.");
        }
        if (name.length() > MAX_DISPLAY_NAME) {
            throw ApiErrors.invalid("displayName: at most " + MAX_DISPLAY_NAME + " characters, got " + name.length() + ".");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw ApiErrors.invalid("displayName: control characters are not allowed.");
        }
        if (request.kind() == null) {
            throw ApiErrors.invalid("kind: choose imported, RKE or direct.");
        }
        Cluster.Type type = Cluster.Type.valueOf(request.kind().name());
        String endpoint = request.apiEndpoint();
        if (type == Cluster.Type.DIRECT) {
            checkEndpoint(endpoint);
            checkCredential(request.credential());
        } else if (!endpoint.isEmpty()) {
            throw ApiErrors.invalid("apiEndpoint: only direct clusters take an API endpoint.");
        } else if (request.credential() != null) {
            throw ApiErrors.invalid("credential: only direct clusters take a credential; imported clusters' agents bring their own.");
        }
        return new Cluster(newId(), name, type, endpoint, Cluster.ClusterStatus.EMPTY);
    }

    private static void checkCredential(DirectCredential credential) {
        if (credential == null) {
            return;
        }
        if (credential.bearerToken().isEmpty() || credential.bearerToken().chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw ApiErrors.invalid("credential.bearerToken: a token of printable characters without spaces is required.");
        }
        if (!credential.caCertPem().isEmpty()) {
            try {
                var certificates = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(
                        new java.io.ByteArrayInputStream(credential.caCertPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                if (certificates.isEmpty()) {
                    throw ApiErrors.invalid("credential.caCertPem: no certificate in it.");
                }
            } catch (java.security.cert.CertificateException e) {
                throw ApiErrors.invalid("credential.caCertPem: not a PEM certificate (" + e.getMessage() + ").");
            }
        }
    }

    private static void checkEndpoint(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw ApiErrors.invalid("apiEndpoint: a direct cluster needs an https:// URL of its API server, got \""
                        + endpoint + "\".");
            }
        } catch (URISyntaxException e) {
            throw ApiErrors.invalid("apiEndpoint: \"" + endpoint + "\" is not a URL (" + e.getReason() + ").");
        }
    }

    /** The key that keeps display names unique, case-insensitively. */
    static String nameIndexKey(String displayName) {
        return displayName.strip().toLowerCase(Locale.ROOT);
    }

    static String newId() {
        StringBuilder id = new StringBuilder("c-");
        for (int i = 0; i < 5; i++) {
            id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    static ClusterSummary summary(Cluster cluster, long resourceVersion) {
        return new ClusterSummary(cluster.id(), cluster.displayName(), ClusterKind.valueOf(cluster.type().name()),
                state(cluster), cluster.status().kubernetesVersion(), resourceVersion);
    }

    /** One word for the state column, derived from the conditions the reconcilers set. */
    static String state(Cluster cluster) {
        if (cluster.type() == Cluster.Type.IMPORTED && cluster.status().condition("Connected").isEmpty()) {
            return "Pending"; // its agent has never connected: nothing is wrong yet
        }
        var ready = cluster.status().condition("Ready");
        boolean disconnected = cluster.status().condition("Connected").map(c -> c.isFalse()).orElse(false);
        if (disconnected || ready.map(c -> c.isFalse() && "Unreachable".equals(c.reason())).orElse(false)) {
            return "Unavailable";
        }
        if (ready.map(c -> c.isFalse()).orElse(false)) {
            return "Unhealthy";
        }
        return ready.map(c -> c.isTrue()).orElse(false) ? "Active" : "Pending";
    }
}
