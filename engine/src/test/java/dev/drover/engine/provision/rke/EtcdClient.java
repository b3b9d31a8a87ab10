package dev.drover.engine.provision.rke;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The machine's {@code etcdctl}, run from the test (outside the nodes) against the nodes' client URLs
 * over TLS with a generated kube-etcd certificate: an independent look at the cluster the provisioner built.
 */
final class EtcdClient {

    private final Path directory;
    private final String endpoints;

    EtcdClient(Path directory, Map<String, RkeCertificates.Entry> bundle, List<String> addresses) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        RkeCertificates.Entry etcd = bundle.entrySet().stream().filter(e -> e.getKey().startsWith("kube-etcd-")).findFirst().orElseThrow().getValue();
        Files.writeString(directory.resolve("ca.pem"), bundle.get(RkeCertificates.KUBE_CA).certificatePem());
        Files.writeString(directory.resolve("cert.pem"), etcd.certificatePem());
        Files.writeString(directory.resolve("key.pem"), etcd.keyPem());
        this.endpoints = addresses.stream().map(a -> "https://" + a + ":2379").collect(Collectors.joining(","));
    }

    /** etcdctl's output; fails on a non-zero exit. */
    String run(String args) throws IOException {
        return NetnsNodes.sh("ETCDCTL_API=3 etcdctl --command-timeout=5s --endpoints=" + endpoints + " --cacert=" + directory.resolve("ca.pem")
                + " --cert=" + directory.resolve("cert.pem") + " --key=" + directory.resolve("key.pem") + " " + args);
    }
}
