package dev.drover.engine.provision.rke;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The components RKE runs on each node, with RKE's container names, flags, mounts and certificate
 * paths: etcd on etcd nodes; kube-apiserver, kube-controller-manager and kube-scheduler on control-plane
 * nodes; kubelet and kube-proxy on every node, and nginx-proxy (local API server load balancer) on nodes
 * without the control plane. Pure: the same config and certificates always give the same components.
 */
public final class RkeComponents {

    public static final String SSL_DIR = "/etc/kubernetes/ssl";
    public static final String ETCD_DATA_DIR = "/var/lib/rancher/etcd";
    /** Where etcd snapshots are kept on the node; mounted at {@value #SNAPSHOT_MOUNT} in the etcd container. */
    public static final String SNAPSHOT_DIR = "/opt/rke/etcd-snapshots";
    public static final String SNAPSHOT_MOUNT = "/backup";
    public static final String CLUSTER_CIDR = "10.42.0.0/16";
    private static final String TLS_CIPHERS = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,"
            + "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,"
            + "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305";
    private static final String K8S_BIND = "/etc/kubernetes:/etc/kubernetes:z";

    private final RkeClusterConfig config;
    private final Map<String, RkeCertificates.Entry> bundle;
    private final RkeImages images;

    public RkeComponents(RkeClusterConfig config, Map<String, RkeCertificates.Entry> bundle) {
        this.config = config;
        this.bundle = bundle;
        this.images = RkeImages.forVersion(config.kubernetesVersion());
    }

    /** RKE's etcd member name: {@code etcd-} and the node name. */
    public static String etcdName(RkeNode node) {
        return "etcd-" + node.nodeName();
    }

    public static String peerUrl(RkeNode node) {
        return "https://" + node.clusterAddress() + ":2380";
    }

    public static String clientUrl(RkeNode node) {
        return "https://" + node.clusterAddress() + ":2379";
    }

    /**
     * etcd on {@code node}.
     *
     * @param initialCluster {@code name=peerURL,…} of the members it starts with
     * @param newCluster     whether the cluster is being created ({@code new}) or the node joins ({@code existing})
     */
    public Component etcd(RkeNode node, String initialCluster, boolean newCluster) {
        String cert = RkeCertificates.etcdCertificateName(node);
        List<String> command = List.of("/usr/local/bin/etcd",
                "--name=" + etcdName(node),
                "--data-dir=" + ETCD_DATA_DIR,
                "--advertise-client-urls=" + clientUrl(node),
                "--listen-client-urls=https://0.0.0.0:2379",
                "--initial-advertise-peer-urls=" + peerUrl(node),
                "--listen-peer-urls=https://0.0.0.0:2380",
                "--heartbeat-interval=500",
                "--election-timeout=5000",
                "--client-cert-auth=true",
                "--peer-client-cert-auth=true",
                "--trusted-ca-file=" + pem(RkeCertificates.KUBE_CA),
                "--peer-trusted-ca-file=" + pem(RkeCertificates.KUBE_CA),
                "--cert-file=" + pem(cert),
                "--key-file=" + key(cert),
                "--peer-cert-file=" + pem(cert),
                "--peer-key-file=" + key(cert),
                "--cipher-suites=" + TLS_CIPHERS);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ETCDCTL_API", "3");
        env.put("ETCDCTL_CACERT", pem(RkeCertificates.KUBE_CA));
        env.put("ETCDCTL_CERT", pem(cert));
        env.put("ETCDCTL_KEY", key(cert));
        env.put("ETCDCTL_ENDPOINTS", "https://127.0.0.1:2379");
        return new Component("etcd", images.etcd(), command,
                List.of("--initial-cluster-token=etcd-cluster-1", "--initial-cluster=" + initialCluster,
                        "--initial-cluster-state=" + (newCluster ? "new" : "existing")),
                env, List.of("/var/lib/etcd:" + ETCD_DATA_DIR + ":z", K8S_BIND, SNAPSHOT_DIR + ":" + SNAPSHOT_MOUNT + ":z"),
                false, false, "", certLabel(RkeCertificates.KUBE_CA, cert));
    }

    /** {@code name=peerURL} of every etcd node in the config, the initial cluster of a new cluster. */
    public String initialCluster() {
        return config.nodesWith(RkeNode.Role.ETCD).stream().map(n -> etcdName(n) + "=" + peerUrl(n)).collect(Collectors.joining(","));
    }

    /** kube-apiserver, kube-controller-manager, kube-scheduler. */
    public List<Component> controlPlane(RkeNode node) {
        String etcdServers = config.nodesWith(RkeNode.Role.ETCD).stream().map(RkeComponents::clientUrl).collect(Collectors.joining(","));
        var api = config.kubeApi();
        Component apiserver = kube("kube-apiserver", List.of(
                "--advertise-address=" + node.clusterAddress(),
                "--allow-privileged=true",
                "--anonymous-auth=false",
                "--api-audiences=unknown",
                "--authorization-mode=Node,RBAC",
                "--bind-address=0.0.0.0",
                "--client-ca-file=" + pem(RkeCertificates.KUBE_CA),
                "--etcd-cafile=" + pem(RkeCertificates.KUBE_CA),
                "--etcd-certfile=" + pem(RkeCertificates.NODE),
                "--etcd-keyfile=" + key(RkeCertificates.NODE),
                "--etcd-prefix=/registry",
                "--etcd-servers=" + etcdServers,
                "--kubelet-client-certificate=" + pem(RkeCertificates.APISERVER),
                "--kubelet-client-key=" + key(RkeCertificates.APISERVER),
                "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
                "--profiling=false",
                "--proxy-client-cert-file=" + pem(RkeCertificates.PROXY_CLIENT),
                "--proxy-client-key-file=" + key(RkeCertificates.PROXY_CLIENT),
                "--requestheader-allowed-names=" + RkeCertificates.PROXY_CLIENT,
                "--requestheader-client-ca-file=" + pem(RkeCertificates.REQUESTHEADER_CA),
                "--requestheader-extra-headers-prefix=X-Remote-Extra-",
                "--requestheader-group-headers=X-Remote-Group",
                "--requestheader-username-headers=X-Remote-User",
                "--secure-port=6443",
                "--service-account-issuer=rke",
                "--service-account-key-file=" + key(RkeCertificates.SERVICE_ACCOUNT),
                "--service-account-lookup=true",
                "--service-account-signing-key-file=" + key(RkeCertificates.SERVICE_ACCOUNT),
                "--service-cluster-ip-range=" + api.serviceClusterIpRange(),
                "--service-node-port-range=" + api.serviceNodePortRange(),
                "--storage-backend=etcd3",
                "--tls-cert-file=" + pem(RkeCertificates.APISERVER),
                "--tls-private-key-file=" + key(RkeCertificates.APISERVER),
                "--tls-cipher-suites=" + TLS_CIPHERS), List.of(K8S_BIND), false, "https://127.0.0.1:6443/healthz",
                RkeCertificates.KUBE_CA, RkeCertificates.NODE, RkeCertificates.APISERVER, RkeCertificates.PROXY_CLIENT,
                RkeCertificates.REQUESTHEADER_CA, RkeCertificates.SERVICE_ACCOUNT);
        Component controllerManager = kube("kube-controller-manager", List.of(
                "--allocate-node-cidrs=true",
                "--authentication-kubeconfig=" + kubeconfig(RkeCertificates.CONTROLLER_MANAGER),
                "--authorization-kubeconfig=" + kubeconfig(RkeCertificates.CONTROLLER_MANAGER),
                "--bind-address=127.0.0.1",
                "--cluster-cidr=" + CLUSTER_CIDR,
                "--kubeconfig=" + kubeconfig(RkeCertificates.CONTROLLER_MANAGER),
                "--leader-elect=true",
                "--node-monitor-grace-period=40s",
                "--profiling=false",
                "--root-ca-file=" + pem(RkeCertificates.KUBE_CA),
                "--service-account-private-key-file=" + key(RkeCertificates.SERVICE_ACCOUNT),
                "--service-cluster-ip-range=" + api.serviceClusterIpRange(),
                "--terminated-pod-gc-threshold=1000",
                "--use-service-account-credentials=true",
                "--v=2"), List.of(K8S_BIND), false, "https://127.0.0.1:10257/healthz",
                RkeCertificates.KUBE_CA, RkeCertificates.CONTROLLER_MANAGER, RkeCertificates.SERVICE_ACCOUNT);
        Component scheduler = kube("kube-scheduler", List.of(
                "--authentication-kubeconfig=" + kubeconfig(RkeCertificates.SCHEDULER),
                "--authorization-kubeconfig=" + kubeconfig(RkeCertificates.SCHEDULER),
                "--bind-address=127.0.0.1",
                "--kubeconfig=" + kubeconfig(RkeCertificates.SCHEDULER),
                "--leader-elect=true",
                "--profiling=false",
                "--v=2"), List.of(K8S_BIND), false, "https://127.0.0.1:10259/healthz",
                RkeCertificates.KUBE_CA, RkeCertificates.SCHEDULER);
        return List.of(apiserver, controllerManager, scheduler);
    }

    /** kubelet and kube-proxy, and nginx-proxy on nodes without the control plane. */
    public List<Component> worker(RkeNode node) {
        List<String> kubelet = new ArrayList<>(List.of(
                "--address=0.0.0.0",
                "--anonymous-auth=false",
                "--authentication-token-webhook=true",
                "--authorization-mode=Webhook",
                "--cgroups-per-qos=True",
                "--client-ca-file=" + pem(RkeCertificates.KUBE_CA),
                "--cluster-dns=" + RkeCertificates.firstServiceIp(config.kubeApi().serviceClusterIpRange()).replaceAll("\\.1$", ".10"),
                "--cluster-domain=" + RkeCertificates.CLUSTER_DOMAIN,
                "--container-runtime-endpoint=unix:///var/run/cri-dockerd.sock",
                "--fail-swap-on=false",
                "--healthz-bind-address=127.0.0.1",
                "--hostname-override=" + node.nodeName(),
                "--kubeconfig=" + kubeconfig(RkeCertificates.NODE),
                "--make-iptables-util-chains=true",
                "--node-ip=" + node.clusterAddress(),
                "--pod-infra-container-image=" + images.pause(),
                "--read-only-port=0",
                "--resolv-conf=/etc/resolv.conf",
                "--root-dir=/var/lib/kubelet",
                "--streaming-connection-idle-timeout=30m",
                "--volume-plugin-dir=/var/lib/kubelet/volumeplugins",
                "--v=2"));
        if (!node.labels().isEmpty()) {
            kubelet.add("--node-labels=" + node.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
                    .collect(Collectors.joining(",")));
        }
        List<String> taints = new ArrayList<>(node.taints());
        if (!node.has(RkeNode.Role.WORKER)) {
            // RKE keeps workloads off nodes that are not workers
            taints.add(node.has(RkeNode.Role.CONTROLPLANE) ? "node-role.kubernetes.io/controlplane=true:NoSchedule"
                    : "node-role.kubernetes.io/etcd=true:NoExecute");
        }
        if (!taints.isEmpty()) {
            kubelet.add("--register-with-taints=" + String.join(",", taints));
        }
        List<Component> components = new ArrayList<>();
        components.add(kube("kubelet", kubelet, List.of(K8S_BIND, "/etc/cni:/etc/cni:rw,z", "/opt/cni:/opt/cni:rw,z",
                "/var/lib/cni:/var/lib/cni:z", "/etc/resolv.conf:/etc/resolv.conf", "/sys:/sys:rprivate",
                "/var/lib/docker:/var/lib/docker:rw,rslave,z", "/var/lib/kubelet:/var/lib/kubelet:shared,z", "/var/run:/var/run:rw,rprivate",
                "/run:/run:rprivate", "/dev:/host/dev:rprivate", "/var/log/containers:/var/log/containers:z",
                "/var/log/pods:/var/log/pods:z", "/usr:/host/usr:ro", "/etc:/host/etc:ro"), true, "http://127.0.0.1:10248/healthz",
                RkeCertificates.KUBE_CA, RkeCertificates.NODE));
        components.add(kube("kube-proxy", List.of(
                "--cluster-cidr=" + CLUSTER_CIDR,
                "--healthz-bind-address=127.0.0.1",
                "--hostname-override=" + node.nodeName(),
                "--kubeconfig=" + kubeconfig(RkeCertificates.PROXY),
                "--v=2"), List.of(K8S_BIND, "/run:/run:rprivate", "/lib/modules:/lib/modules:z,ro"), true, "http://127.0.0.1:10256/healthz",
                RkeCertificates.KUBE_CA, RkeCertificates.PROXY));
        if (!node.has(RkeNode.Role.CONTROLPLANE)) {
            String cpHosts = config.nodesWith(RkeNode.Role.CONTROLPLANE).stream().map(RkeNode::clusterAddress).collect(Collectors.joining(","));
            components.add(new Component("nginx-proxy", images.tools(), List.of("nginx-proxy", "CP_HOSTS=" + cpHosts), List.of(),
                    Map.of("CP_HOSTS", cpHosts), List.of(), false, false, "", Map.of()));
        }
        return components;
    }

    /** Every component {@code node} runs, in start order. */
    public List<Component> all(RkeNode node, String initialCluster, boolean newCluster) {
        List<Component> all = new ArrayList<>();
        if (node.has(RkeNode.Role.ETCD)) {
            all.add(etcd(node, initialCluster, newCluster));
        }
        if (node.has(RkeNode.Role.CONTROLPLANE)) {
            all.addAll(controlPlane(node));
        }
        all.addAll(worker(node));
        return all;
    }

    private Component kube(String name, List<String> flags, List<String> binds, boolean privileged, String healthUrl, String... certificates) {
        List<String> command = new ArrayList<>();
        command.add(name);
        command.addAll(flags);
        return new Component(name, images.kubernetes(), command, List.of(), Map.of(), binds, privileged, name.equals("kubelet"), healthUrl,
                certLabel(certificates));
    }

    /** A label that changes whenever a certificate the component reads changes, so rotation restarts it. */
    private Map<String, String> certLabel(String... names) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : names) {
                RkeCertificates.Entry entry = bundle.get(name);
                if (entry == null) {
                    throw new IllegalStateException("the certificate bundle has no " + name);
                }
                digest.update(entry.certificatePem().getBytes(StandardCharsets.US_ASCII));
                digest.update(entry.keyPem().getBytes(StandardCharsets.US_ASCII));
            }
            return Map.of("io.drover.certificates", HexFormat.of().formatHex(digest.digest(), 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String name) {
        return SSL_DIR + "/" + name + ".pem";
    }

    static String key(String name) {
        return SSL_DIR + "/" + name + "-key.pem";
    }

    static String kubeconfig(String name) {
        return SSL_DIR + "/kubecfg-" + name + ".yaml";
    }
}
