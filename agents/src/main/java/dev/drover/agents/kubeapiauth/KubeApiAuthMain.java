package dev.drover.agents.kubeapiauth;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * {@code kube-api-auth}: serves the TokenReview webhook, as Rancher's kube-api-auth does, on each
 * control-plane node (host network) for the API server's {@code --authentication-token-webhook-config-file}.
 * Environment: {@code DROVER_KUBE_API_AUTH_FILE} (the mounted records, default
 * {@code /etc/drover/kube-api-auth/tokens.json}), {@code DROVER_KUBE_API_AUTH_ADDRESS} (default
 * {@code 127.0.0.1:6440}), and optionally {@code DROVER_KUBE_API_AUTH_CERT}/{@code _KEY} (PEM files) for TLS.
 */
public final class KubeApiAuthMain {

    private KubeApiAuthMain() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        Path file = Path.of(env.getOrDefault("DROVER_KUBE_API_AUTH_FILE", "/etc/drover/kube-api-auth/tokens.json"));
        String address = env.getOrDefault("DROVER_KUBE_API_AUTH_ADDRESS", "127.0.0.1:6440");
        int colon = address.lastIndexOf(':');
        HttpServerOptions options = new HttpServerOptions().setHost(address.substring(0, colon))
                .setPort(Integer.parseInt(address.substring(colon + 1)));
        String cert = env.get("DROVER_KUBE_API_AUTH_CERT");
        if (cert != null) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert).setKeyPath(env.get("DROVER_KUBE_API_AUTH_KEY")));
        }
        Vertx vertx = Vertx.vertx();
        vertx.createHttpServer(options).requestHandler(new TokenReviewHandler(new TokenRecordFile(file), Clock.systemUTC()))
                .listen().await();
        System.out.println("kube-api-auth serving " + TokenReviewHandler.PATH + " on " + address + " from " + file);
    }
}
