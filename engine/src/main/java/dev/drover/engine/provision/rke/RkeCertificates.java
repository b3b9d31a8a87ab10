package dev.drover.engine.provision.rke;

import dev.drover.engine.pki.CertificateAuthority;
import dev.drover.engine.pki.CertificateRequest;
import dev.drover.engine.pki.IssuedCertificate;
import dev.drover.engine.pki.KeyAlgorithm;
import dev.drover.engine.pki.Pem;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * RKE's certificate set for a cluster, with RKE's names and subjects: the kube-ca and the
 * requestheader CA, the API server certificate with every name it is reached by, one etcd certificate
 * per etcd host, the client certificates of node, admin, controller-manager, scheduler and proxy, the
 * aggregation proxy-client, and the service-account signing key.
 */
public final class RkeCertificates {

    public static final String KUBE_CA = "kube-ca";
    public static final String REQUESTHEADER_CA = "kube-apiserver-requestheader-ca";
    public static final String APISERVER = "kube-apiserver";
    public static final String NODE = "kube-node";
    public static final String ADMIN = "kube-admin";
    public static final String CONTROLLER_MANAGER = "kube-controller-manager";
    public static final String SCHEDULER = "kube-scheduler";
    public static final String PROXY = "kube-proxy";
    public static final String PROXY_CLIENT = "kube-apiserver-proxy-client";
    public static final String SERVICE_ACCOUNT = "kube-service-account-token";
    public static final String CLUSTER_DOMAIN = "cluster.local";

    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(3650);

    private RkeCertificates() {
    }

    /** A certificate (or, for the service-account key, a key alone) in PEM. */
    public record Entry(String name, String certificatePem, String keyPem) {
        @Override
        public String toString() {
            return "Entry[" + name + "]";
        }
    }

    /** Generates the whole set for {@code config}; {@code algorithm} is ECDSA P-256 unless RSA is asked for. */
    public static Map<String, Entry> generate(RkeClusterConfig config, KeyAlgorithm algorithm) {
        CertificateAuthority kubeCa = CertificateAuthority.generate(new X500Name("CN=" + KUBE_CA), CA_VALIDITY, algorithm);
        CertificateAuthority requestHeaderCa = CertificateAuthority.generate(new X500Name("CN=" + REQUESTHEADER_CA), CA_VALIDITY, algorithm);
        return issue(config, kubeCa, requestHeaderCa, algorithm);
    }

    /**
     * New leaf certificates and service-account key from the CAs already in {@code bundle} (what
     * {@code rke cert rotate} does without {@code --rotate-ca}, and what a change of node names needs):
     * clients keep trusting the cluster. The service-account signing key is kept, so existing
     * service-account tokens stay valid.
     */
    public static Map<String, Entry> reissue(RkeClusterConfig config, Map<String, Entry> bundle) {
        CertificateAuthority kubeCa = authority(bundle, KUBE_CA);
        CertificateAuthority requestHeaderCa = authority(bundle, REQUESTHEADER_CA);
        Map<String, Entry> reissued = issue(config, kubeCa, requestHeaderCa, KeyAlgorithm.of(Pem.privateKey(bundle.get(KUBE_CA).keyPem())));
        if (bundle.containsKey(SERVICE_ACCOUNT)) {
            reissued.put(SERVICE_ACCOUNT, bundle.get(SERVICE_ACCOUNT));
        }
        return reissued;
    }

    /** Whether certificates made for {@code previous} lack a name or an etcd host that {@code config} needs. */
    public static boolean namesChanged(RkeClusterConfig previous, RkeClusterConfig config) {
        return !apiServerNames(previous).equals(apiServerNames(config)) || !etcdNames(previous).equals(etcdNames(config))
                || !previous.nodesWith(RkeNode.Role.ETCD).stream().map(RkeCertificates::etcdCertificateName).toList()
                .equals(config.nodesWith(RkeNode.Role.ETCD).stream().map(RkeCertificates::etcdCertificateName).toList());
    }

    private static CertificateAuthority authority(Map<String, Entry> bundle, String name) {
        Entry entry = bundle.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("the certificate bundle has no " + name);
        }
        return new CertificateAuthority(Pem.certificate(entry.certificatePem()), Pem.privateKey(entry.keyPem()));
    }

    private static Map<String, Entry> issue(RkeClusterConfig config, CertificateAuthority kubeCa, CertificateAuthority requestHeaderCa,
                                            KeyAlgorithm algorithm) {
        Map<String, Entry> bundle = new LinkedHashMap<>();
        bundle.put(KUBE_CA, new Entry(KUBE_CA, kubeCa.certificatePem(), kubeCa.keyPem()));
        bundle.put(REQUESTHEADER_CA, new Entry(REQUESTHEADER_CA, requestHeaderCa.certificatePem(), requestHeaderCa.keyPem()));

        put(bundle, APISERVER, kubeCa.issue(new CertificateRequest(APISERVER, List.of(), apiServerNames(config), true, true, algorithm, LEAF_VALIDITY)));
        List<String> etcdNames = etcdNames(config);
        for (RkeNode etcd : config.nodesWith(RkeNode.Role.ETCD)) {
            put(bundle, etcdCertificateName(etcd), kubeCa.issue(new CertificateRequest("kube-etcd", List.of(), etcdNames, true, true, algorithm, LEAF_VALIDITY)));
        }
        put(bundle, NODE, kubeCa.issue(CertificateRequest.client("system:node", List.of("system:nodes"), algorithm, LEAF_VALIDITY)));
        put(bundle, ADMIN, kubeCa.issue(CertificateRequest.client(ADMIN, List.of("system:masters"), algorithm, LEAF_VALIDITY)));
        put(bundle, CONTROLLER_MANAGER, kubeCa.issue(CertificateRequest.client("system:kube-controller-manager", List.of(), algorithm, LEAF_VALIDITY)));
        put(bundle, SCHEDULER, kubeCa.issue(CertificateRequest.client("system:kube-scheduler", List.of(), algorithm, LEAF_VALIDITY)));
        put(bundle, PROXY, kubeCa.issue(CertificateRequest.client("system:kube-proxy", List.of(), algorithm, LEAF_VALIDITY)));
        put(bundle, PROXY_CLIENT, requestHeaderCa.issue(CertificateRequest.client(PROXY_CLIENT, List.of(), algorithm, LEAF_VALIDITY)));
        KeyPair serviceAccount = algorithm.newKeyPair();
        bundle.put(SERVICE_ACCOUNT, new Entry(SERVICE_ACCOUNT, "", Pem.encode(serviceAccount.getPrivate())));
        return bundle;
    }

    /** RKE names etcd certificates after the host's address with dots as dashes: {@code kube-etcd-10-0-0-1}. */
    public static String etcdCertificateName(RkeNode node) {
        return "kube-etcd-" + node.clusterAddress().replace('.', '-').replace(':', '-');
    }

    /**
     * Every name the API server is reached by: control-plane addresses, internal addresses and node
     * names, the user's SANs, loopback, the first service IP and the in-cluster DNS names.
     */
    static List<String> apiServerNames(RkeClusterConfig config) {
        Set<String> names = new LinkedHashSet<>();
        for (RkeNode node : config.nodesWith(RkeNode.Role.CONTROLPLANE)) {
            names.add(node.address());
            names.add(node.clusterAddress());
            names.add(node.nodeName());
        }
        names.addAll(config.sans());
        names.add("127.0.0.1");
        names.add(firstServiceIp(config.kubeApi().serviceClusterIpRange()));
        names.add("localhost");
        names.add("kubernetes");
        names.add("kubernetes.default");
        names.add("kubernetes.default.svc");
        names.add("kubernetes.default.svc." + CLUSTER_DOMAIN);
        if (config.ace().enabled() && !config.ace().fqdn().isEmpty()) {
            names.add(config.ace().fqdn());
        }
        return new ArrayList<>(names);
    }

    private static List<String> etcdNames(RkeClusterConfig config) {
        Set<String> names = new LinkedHashSet<>();
        for (RkeNode node : config.nodesWith(RkeNode.Role.ETCD)) {
            names.add(node.address());
            names.add(node.clusterAddress());
            names.add(node.nodeName());
        }
        names.add("127.0.0.1");
        names.add("localhost");
        return new ArrayList<>(names);
    }

    /** The service CIDR's network address plus one: where the kubernetes Service lives. */
    static String firstServiceIp(String cidr) {
        String[] parts = cidr.split("/")[0].split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("services.kube-api.service_cluster_ip_range: \"" + cidr + "\" is not an IPv4 CIDR");
        }
        long address = 0;
        for (String part : parts) {
            address = address << 8 | Integer.parseInt(part);
        }
        address += 1;
        return (address >> 24 & 255) + "." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "." + (address & 255);
    }

    private static void put(Map<String, Entry> bundle, String name, IssuedCertificate certificate) {
        bundle.put(name, new Entry(name, certificate.certificatePem(), certificate.keyPem()));
    }
}
