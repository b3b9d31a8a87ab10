package dev.drover.server.bench;

import dev.drover.engine.pki.CertificateAuthority;
import dev.drover.engine.pki.IssuedCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * nginx (the Debian package) on a loopback port as a plain TLS reverse proxy to the upstream: TLS in,
 * TLS out with the upstream's certificate verified, upstream keep-alive, no auth, default buffering,
 * as many workers as cores.
 */
final class NginxProxy implements AutoCloseable {

    private final Process process;
    private final int port;

    private NginxProxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static NginxProxy start(Path work, int upstreamPort, String upstreamCaPem) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve("nginx"));
        CertificateAuthority ca = CertificateAuthority.generate("nginx-bench-ca", Duration.ofDays(1));
        IssuedCertificate tls = ca.issueServer("nginx", List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
        Files.writeString(dir.resolve("cert.pem"), tls.chainPem());
        Files.writeString(dir.resolve("key.pem"), tls.keyPem());
        Files.writeString(dir.resolve("upstream-ca.pem"), upstreamCaPem);
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String d = dir.toAbsolutePath().toString();
        Files.writeString(dir.resolve("nginx.conf"), """
                worker_processes auto;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream api { server 127.0.0.1:%2$d; keepalive 64; }
                    server {
                        listen 127.0.0.1:%3$d ssl;
                        ssl_certificate %1$s/cert.pem;
                        ssl_certificate_key %1$s/key.pem;
                        keepalive_requests 1000000;
                        location / {
                            proxy_pass https://api;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_ssl_verify on;
                            proxy_ssl_trusted_certificate %1$s/upstream-ca.pem;
                            proxy_ssl_name localhost;
                            proxy_ssl_server_name on;
                            proxy_ssl_session_reuse on;
                        }
                    }
                }
                """.formatted(d, upstreamPort, port));
        Process process = new ProcessBuilder("nginx", "-p", d, "-c", d + "/nginx.conf")
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return new NginxProxy(process, port);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout.log")));
                }
                Thread.sleep(50);
            }
        }
        process.destroy();
        throw new IllegalStateException("nginx did not listen on " + port + " within 5 s");
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
