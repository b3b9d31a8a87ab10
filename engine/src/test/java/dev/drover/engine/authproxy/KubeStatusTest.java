package dev.drover.engine.authproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class KubeStatusTest {

    @Test
    void statusJsonIsWhatKubectlExpectsAndSurvivesQuotesInTheMessage() {
        // given / when
        JsonObject status = new JsonObject(KubeStatus.json(413, "body \"too\" big\n"));

        // then
        assertThat(status.getString("kind")).isEqualTo("Status");
        assertThat(status.getString("apiVersion")).isEqualTo("v1");
        assertThat(status.getString("status")).isEqualTo("Failure");
        assertThat(status.getString("reason")).isEqualTo("RequestEntityTooLarge");
        assertThat(status.getInteger("code")).isEqualTo(413);
        assertThat(status.getString("message")).isEqualTo("body \"too\" big\n");
    }
}
