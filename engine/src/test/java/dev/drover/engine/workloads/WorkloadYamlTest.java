package dev.drover.engine.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an edited YAML must still be before it is sent: the same object, at the version it was read. */
class WorkloadYamlTest {

    private final KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.empty()).build();
    private final WorkloadId web = new WorkloadId("c-1", WorkloadKind.DEPLOYMENT, "shop", "web");

    @AfterEach
    void close() {
        client.close();
    }

    private static final String GOOD = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              resourceVersion: "42"
            spec:
              replicas: 3
            """;

    @Test
    void theSameObjectAtItsVersionIsAccepted() {
        HasMetadata parsed = WorkloadYaml.parse(client, web, GOOD);
        assertThat(parsed.getMetadata().getResourceVersion()).isEqualTo("42");
    }

    @Test
    void everythingElseIsOneSentenceNamingWhatIsWrong() {
        assertThatThrownBy(() -> WorkloadYaml.parse(client, web, "spec: [unclosed")).isInstanceOfSatisfying(WorkloadActionException.class, e -> {
            assertThat(e.failure()).isEqualTo(WorkloadActionException.Failure.INVALID);
            assertThat(e.getMessage()).startsWith("The YAML cannot be read as a Deployment: ").doesNotContain("\n").endsWith(".");
        });
        assertThatThrownBy(() -> WorkloadYaml.parse(client, web, "  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> WorkloadYaml.parse(client, web, GOOD.replace("kind: Deployment", "kind: StatefulSet")))
                .hasMessageContaining("kind");
        assertThatThrownBy(() -> WorkloadYaml.parse(client, web, GOOD.replace("namespace: shop", "namespace: other")))
                .hasMessage("metadata.namespace: must stay shop, got other.");
        assertThatThrownBy(() -> WorkloadYaml.parse(client, web, GOOD.replace("  resourceVersion: \"42\"\n", "")))
                .hasMessageStartingWith("metadata.resourceVersion:");
    }
}
