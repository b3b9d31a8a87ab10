package dev.drover.engine.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportManifestTest {

    @Test
    void fillsEveryPlaceholderWithQuotedValues() {
        // given
        ImportManifest manifest = new ImportManifest("registry.example/drover/agent:1.2.3");
        // when
        String yaml = manifest.render("c-abcde", "https://drover.example:8443", "abc.def", "0".repeat(64));
        // then
        assertThat(yaml).doesNotContain("{{")
                .contains("value: \"https://drover.example:8443\"")
                .contains("value: \"" + "0".repeat(64) + "\"")
                .contains("image: \"registry.example/drover/agent:1.2.3\"")
                .contains("token: \"YWJjLmRlZg==\"")
                .contains("kind: DaemonSet").contains("kind: Deployment");
    }
}
