package dev.drover.server.authproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.auth.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl of this machine through a proxy context, against fabric8's mock API server. */
@Timeout(120)
class KubectlThroughProxyIT {

    @TempDir
    Path directory;

    private ProxyFixture fixture;
    private KubeApiMock direct;
    private KubeApiMock behindAgent;
    private Path kubeconfig;

    @BeforeEach
    void start() throws Exception {
        fixture = new ProxyFixture(directory, 1024 * 1024);
        direct = new KubeApiMock();
        behindAgent = new KubeApiMock();
        fixture.directCluster("c-direct", direct.url(), "");
        fixture.tunnelCluster("c-tunnel", behindAgent.url(), "");
        Principal alice = fixture.user("alice", List.of("devs"));
        kubeconfig = fixture.kubeconfig(fixture.token(alice, "").value(), "c-direct", "c-tunnel");
    }

    @AfterEach
    void stop() {
        fixture.close();
        direct.close();
        behindAgent.close();
    }

    @Test
    void kubectlManagesNamespacesPodsAndDeploymentsOfADirectCluster() throws Exception {
        // given: a kubeconfig built by KubeconfigBuilder (proxy context, the server's CA, a Drover token)
        assertThat(Files.readString(kubeconfig)).contains("/k8s/clusters/c-direct").contains("certificate-authority-data");

        // when / then: namespaces (created from manifests: kubectl's typed create commands send protobuf,
        // which the mock cannot read, while create -f sends JSON)
        assertOk(kubectl("c-direct", "create", "--validate=false", "-f", manifest("namespace.yaml", NAMESPACE)), "namespace/team-a created");
        assertOk(kubectl("c-direct", "get", "namespaces"), "team-a");
        // pods
        assertOk(kubectl("c-direct", "create", "--validate=false", "-f", manifest("pod.yaml", POD)), "pod/web created");
        assertOk(kubectl("c-direct", "get", "pods", "-n", "team-a", "-o", "name"), "pod/web");
        // deployments, merge patch
        assertOk(kubectl("c-direct", "create", "--validate=false", "-f", manifest("deployment.yaml", DEPLOYMENT)), "deployment.apps/api created");
        assertOk(kubectl("c-direct", "patch", "deployment", "api", "-n", "team-a", "--type=merge",
                "-p", "{\"metadata\":{\"labels\":{\"tier\":\"backend\"}}}"), "deployment.apps/api patched");
        assertOk(kubectl("c-direct", "get", "deployment", "api", "-n", "team-a", "-o", "jsonpath={.metadata.labels.tier}"),
                "backend");
        assertOk(kubectl("c-direct", "delete", "deployment", "api", "-n", "team-a"), "deployment.apps \"api\" deleted");
        assertOk(kubectl("c-direct", "delete", "pod", "web", "-n", "team-a", "--wait=false"), "pod \"web\" deleted");
        assertOk(kubectl("c-direct", "delete", "namespace", "team-a", "--wait=false"), "namespace \"team-a\" deleted");
        assertThat(kubectl("c-direct", "get", "deployment", "api", "-n", "team-a").output()).contains("NotFound");
        // and: the API server saw every call as alice, impersonated by Drover's credential
        assertThat(direct.requestsTo("/apis/apps/v1/namespaces/team-a/deployments")).isNotEmpty().allSatisfy(r -> {
            assertThat(r.header("Impersonate-User")).containsExactly("alice");
            assertThat(r.header("Authorization")).containsExactly("Bearer " + ProxyFixture.DOWNSTREAM_TOKEN);
        });
    }

    @Test
    void kubectlReachesAClusterBehindAnAgent() throws Exception {
        // when
        ProxyFixture.Kubectl created = kubectl("c-tunnel", "create", "--validate=false", "-f", manifest("remote.yaml", NAMESPACE.replace("team-a", "remote")));
        ProxyFixture.Kubectl listed = kubectl("c-tunnel", "get", "namespaces", "-o", "name");

        // then: the request went through the tunnel to the agent's API server, not the direct one
        assertOk(created, "namespace/remote created");
        assertOk(listed, "namespace/remote");
        assertThat(behindAgent.requestsTo("/api/v1/namespaces")).isNotEmpty();
        assertThat(direct.requestsTo("/api/v1/namespaces")).isEmpty();
    }

    @Test
    void kubectlPrintsTheProxysStatusForARevokedToken() throws Exception {
        // given
        Path revoked = fixture.kubeconfig(fixture.token(fixture.user("bob", List.of()), "").value(), "c-direct");
        assertOk(kubectl(revoked, "c-direct", "get", "namespaces"), "");
        String tokenId = fixture.server.authProxy().tokens().list("bob").getFirst().id();

        // when
        fixture.server.authProxy().tokens().revoke(tokenId);
        ProxyFixture.Kubectl denied = kubectl(revoked, "c-direct", "get", "namespaces");

        // then
        assertThat(denied.exit()).isEqualTo(1);
        assertThat(denied.output()).contains("You must be logged in to the server").contains("was revoked");
    }

    private static final String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: team-a}
            """;
    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: team-a}
            spec: {containers: [{name: web, image: "nginx:1.27"}]}
            """;
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: team-a, labels: {app: api}}
            spec:
              replicas: 2
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec: {containers: [{name: api, image: "nginx:1.27"}]}
            """;

    private String manifest(String name, String yaml) throws Exception {
        return Files.writeString(directory.resolve(name), yaml).toString();
    }

    private ProxyFixture.Kubectl kubectl(String context, String... args) throws Exception {
        return kubectl(kubeconfig, context, args);
    }

    private ProxyFixture.Kubectl kubectl(Path config, String context, String... args) throws Exception {
        return fixture.kubectl(config, context, args);
    }

    private static void assertOk(ProxyFixture.Kubectl result, String expected) {
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains(expected);
    }
}
