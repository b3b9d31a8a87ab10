package dev.drover.engine.provision.rke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterYamlParserTest {

    static final String SAMPLE = """
            cluster_name: prod
            kubernetes_version: v1.32.4-rancher1-1
            nodes:
              - address: 10.0.0.1
                user: ubuntu
                role: [etcd, controlplane]
                hostname_override: cp-1
                internal_address: 192.168.0.1
                labels:
                  zone: a
              - address: 10.0.0.2
                port: 2222
                user: ubuntu
                role: [worker]
                ssh_key_path: /keys/worker
                taints:
                  - key: dedicated
                    value: gpu
                    effect: NoExecute
            services:
              etcd:
                snapshot: true
                retention: 24h
                backup_config:
                  interval_hours: 6
                  retention: 10
              kubelet:
                extra_args: {max-pods: 200}
            network:
              plugin: calico
            authentication:
              strategy: x509
              sans: [api.prod.example.com, 203.0.113.10]
            upgrade_strategy:
              max_unavailable_worker: 20%
              drain: true
              node_drain_input:
                timeout: 60
            """;

    @Test
    void readsTheSubsetWithRkeDefaults() {
        // when
        ClusterYamlParser.Parsed parsed = ClusterYamlParser.parse(SAMPLE);
        RkeClusterConfig config = parsed.config();
        // then
        assertThat(config.clusterName()).isEqualTo("prod");
        assertThat(config.nodes()).hasSize(2);
        RkeNode cp = config.nodes().get(0);
        assertThat(cp.roles()).containsExactlyInAnyOrder(RkeNode.Role.ETCD, RkeNode.Role.CONTROLPLANE);
        assertThat(cp.nodeName()).isEqualTo("cp-1");
        assertThat(cp.clusterAddress()).isEqualTo("192.168.0.1");
        assertThat(cp.port()).isEqualTo(22);
        assertThat(cp.sshKeyPath()).isEqualTo("~/.ssh/id_rsa");
        assertThat(cp.labels()).containsEntry("zone", "a");
        assertThat(cp.line()).isEqualTo(4);
        RkeNode worker = config.nodes().get(1);
        assertThat(worker.port()).isEqualTo(2222);
        assertThat(worker.taints()).containsExactly("dedicated=gpu:NoExecute");
        assertThat(config.etcd()).isEqualTo(new RkeClusterConfig.EtcdService(true, "12h", "24h", 6, 10));
        assertThat(config.kubeApi()).isEqualTo(RkeClusterConfig.KubeApiService.DEFAULTS);
        assertThat(config.networkPlugin()).isEqualTo("calico");
        assertThat(config.sans()).containsExactly("api.prod.example.com", "203.0.113.10");
        assertThat(config.upgradeStrategy()).isEqualTo(new RkeClusterConfig.UpgradeStrategy("20%", "1", true, 60, true, false));
        assertThat(parsed.warnings()).singleElement().satisfies(w -> {
            assertThat(w.field()).isEqualTo("services.kubelet");
            assertThat(w.line()).isEqualTo(27);
        });
    }

    @Test
    void aMinimalFileGetsEveryDefault() {
        RkeClusterConfig config = ClusterYamlParser.parse("""
                nodes:
                  - {address: 10.0.0.1, user: rancher, role: [etcd, controlplane, worker]}
                """).config();
        assertThat(config.clusterName()).isEqualTo("local");
        assertThat(config.kubernetesVersion()).isEqualTo(RkeClusterConfig.DEFAULT_KUBERNETES_VERSION);
        assertThat(config.networkPlugin()).isEqualTo("canal");
        assertThat(config.upgradeStrategy().maxUnavailableWorker()).isEqualTo("10%");
        assertThat(config.upgradeStrategy().maxUnavailableControlplane()).isEqualTo("1");
        assertThat(config.etcd()).isEqualTo(RkeClusterConfig.EtcdService.DEFAULTS);
        assertThat(config.ace().enabled()).isTrue();
    }

    @Test
    void reportsEveryProblemWithFieldAndLine() {
        // given: a typo, a missing user, a bad role, a bad port, a duplicate address, a bad version
        String yaml = """
                kubernetes_version: 1.32
                nodes:
                  - adress: 10.0.0.1
                    address: 10.0.0.1
                    role: [etcd, controlplane, wroker]
                  - address: 10.0.0.1
                    user: ubuntu
                    port: 70000
                    role: [worker]
                upgrade_strategy:
                  max_unavailable_worker: ten
                """;
        // when / then
        assertThatThrownBy(() -> ClusterYamlParser.parse(yaml)).isInstanceOfSatisfying(ClusterConfigException.class, e -> {
            List<String> problems = e.errors().stream().map(ConfigError::toString).toList();
            assertThat(problems).contains(
                    "line 3: nodes[0].adress: unknown field; did you mean \"address\"?",
                    "line 3: nodes[0].user: is required (the SSH user, e.g. ubuntu or rancher)",
                    "line 5: nodes[0].role: unknown role \"wroker\"; roles are etcd, controlplane and worker",
                    "line 8: nodes[1].port: must be between 1 and 65535, got 70000");
            assertThat(e.getMessage()).contains("problems");
        });
    }

    @Test
    void crossFieldRulesRunOnceTheFileIsWellFormed() {
        String yaml = """
                kubernetes_version: 1.32
                nodes:
                  - {address: 10.0.0.1, user: u, role: [controlplane]}
                  - {address: 10.0.0.1, user: u, role: [worker], hostname_override: Bad_Name}
                network: {plugin: cilium}
                upgrade_strategy: {max_unavailable_worker: ten, max_unavailable_controlplane: 0}
                """;
        assertThatThrownBy(() -> ClusterYamlParser.parse(yaml)).isInstanceOfSatisfying(ClusterConfigException.class, e -> {
            List<String> problems = e.errors().stream().map(ConfigError::toString).toList();
            assertThat(problems).contains(
                    "line 2: nodes: no node has the etcd role; a cluster needs at least one",
                    "line 4: nodes[1].address: 10.0.0.1 is already used by the node at line 3",
                    "line 4: nodes[1].hostname_override: \"Bad_Name\" is not a valid node name (lower-case letters, digits, '-' and '.')",
                    "kubernetes_version: \"1.32\" is not a version like v1.32.4-rancher1-1",
                    "upgrade_strategy.max_unavailable_worker: must be a count like 2 or a percentage like 10%, got \"ten\"",
                    "upgrade_strategy.max_unavailable_controlplane: must allow at least one node, got 0");
            assertThat(problems).anyMatch(p -> p.startsWith("network.plugin: \"cilium\" is not one of"));
        });
    }

    @Test
    void theShippedSampleParsesWithoutWarnings() throws Exception {
        java.nio.file.Path sample = java.nio.file.Path.of("..", "resources", "samples", "cluster.yml");
        ClusterYamlParser.Parsed parsed = ClusterYamlParser.parse(java.nio.file.Files.readString(sample));
        assertThat(parsed.warnings()).isEmpty();
        assertThat(parsed.config().nodes()).hasSize(3);
    }

    @Test
    void syntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> ClusterYamlParser.parse("nodes:\n  - address: [unclosed\n"))
                .isInstanceOf(ClusterConfigException.class).hasMessageContaining("line 3").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ClusterYamlParser.parse("")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> ClusterYamlParser.parse("- just\n- a list\n")).hasMessageContaining("must be a mapping");
    }
}
