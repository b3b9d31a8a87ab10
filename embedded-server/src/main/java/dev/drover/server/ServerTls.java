package dev.drover.server;

import dev.drover.engine.pki.CertificateAuthority;
import dev.drover.engine.pki.IssuedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's certificate, key and the CA consoles and agents pin: issued at every start by the CA in
 * {@code <data>/pki} (generated on first start, so its fingerprint stays), or read from files the
 * operator provides.
 *
 * @param chainPem the server certificate chain
 * @param keyPem   its private key
 * @param caPem    what {@code /cacerts} serves and the fingerprint covers
 */
record ServerTls(String chainPem, String keyPem, String caPem) {

    private static final Pattern CERTIFICATE = Pattern.compile("-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----\\s*", Pattern.DOTALL);

    static ServerTls load(Path dataDirectory, ServerConfig.TlsFiles files, Collection<String> hostnames) {
        if (files == null) {
            CertificateAuthority ca = CertificateAuthority.loadOrCreate(dataDirectory.resolve("pki"), "drover-ca");
            IssuedCertificate tls = ca.issueServer("drover-server", hostnames, Duration.ofDays(365));
            return new ServerTls(tls.chainPem(), tls.keyPem(), ca.certificatePem());
        }
        String chain = read(files.certificateChain(), "certificate");
        String key = read(files.privateKey(), "private key");
        String ca = files.ca() != null ? read(files.ca(), "CA certificate") : lastCertificate(chain, files.certificateChain());
        return new ServerTls(chain, key, ca);
    }

    private static String lastCertificate(String chain, Path file) {
        Matcher matcher = CERTIFICATE.matcher(chain);
        String last = null;
        while (matcher.find()) {
            last = matcher.group().strip() + "\n";
        }
        if (last == null) {
            throw new IllegalArgumentException("--tls-cert " + file + " holds no PEM certificate.");
        }
        return last;
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
