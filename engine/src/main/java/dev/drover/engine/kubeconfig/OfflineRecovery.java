package dev.drover.engine.kubeconfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Gets a user back to their clusters when the Drover server is down: tests the direct (ACE) contexts
 * kept in the {@link KubeconfigVault} against each API server and writes a kubeconfig with only direct
 * contexts. Blocking network and file I/O: call it off the FX thread.
 */
public final class OfflineRecovery {

    /** The outcome of calling one context's API server. */
    public record ContextCheck(Kubeconfig.Context context, boolean usable, String detail) {
    }

    private final Duration timeout;

    public OfflineRecovery(Duration timeout) {
        this.timeout = timeout;
    }

    /** Calls {@code GET /version} on the context's server with its CA and token. Never throws. */
    public ContextCheck test(Kubeconfig.Context context) {
        try {
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(context.caPem())).connectTimeout(timeout).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(context.server() + "/version"))
                    .timeout(timeout).header("Authorization", "Bearer " + context.token()).GET().build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 -> new ContextCheck(context, true, "reachable");
                case 401 -> new ContextCheck(context, false, "reachable, but the token was rejected (401)");
                case 403 -> new ContextCheck(context, true, "reachable; the token is valid but may not read /version (403)");
                default -> new ContextCheck(context, false, "answered HTTP " + response.statusCode());
            };
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return new ContextCheck(context, false, "unreachable: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ContextCheck(context, false, "interrupted");
        }
    }

    /** Tests every context; results in the same order. */
    public List<ContextCheck> testAll(List<Kubeconfig.Context> contexts) {
        return contexts.stream().map(this::test).toList();
    }

    /** Writes a kubeconfig (0600) holding only the given contexts, the first one current. */
    public static void writeDirectOnly(Path target, List<Kubeconfig.Context> contexts) throws IOException {
        if (contexts.isEmpty()) {
            throw new IllegalArgumentException("No direct contexts to write: the vault has none that were exported with ACE.");
        }
        List<Map<String, Object>> clusters = new ArrayList<>();
        List<Map<String, Object>> users = new ArrayList<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Kubeconfig.Context context : contexts) {
            Map<String, Object> cluster = new LinkedHashMap<>();
            cluster.put("server", context.server());
            if (!context.caPem().isEmpty()) {
                cluster.put("certificate-authority-data", Base64.getEncoder().encodeToString(context.caPem().getBytes(StandardCharsets.US_ASCII)));
            }
            clusters.add(Map.of("name", context.name(), "cluster", cluster));
            users.add(Map.of("name", context.name(), "user", Map.of("token", context.token())));
            entries.add(Map.of("name", context.name(), "context", Map.of("cluster", context.name(), "user", context.name())));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("clusters", clusters);
        config.put("users", users);
        config.put("contexts", entries);
        config.put("current-context", contexts.getFirst().name());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE);
        SecretFiles.write(target, new Yaml(options).dump(config));
    }

    private static SSLContext trusting(String caPem) throws GeneralSecurityException, IOException {
        if (caPem.isEmpty()) {
            return SSLContext.getDefault();
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (Certificate certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
            trust.setCertificateEntry("ca-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
