package dev.drover.engine.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drover.engine.api.ApiException;
import org.junit.jupiter.api.Test;

class StatusTest {

    @Test
    void everyReasonTheServerSendsComesBackAsTheSameReason() {
        for (ApiException.Reason reason : ApiException.Reason.values()) {
            if (reason == ApiException.Reason.UNTRUSTED) {
                continue; // decided by the console before anything is sent
            }
            // given
            Status status = Status.of(new ApiException(reason, "because " + reason));
            // when
            ApiException back = WireJson.decode(WireJson.encode(status), Status.class).toException();
            // then
            assertThat(back.reason()).as(reason.name()).isEqualTo(reason);
            assertThat(back.getMessage()).isEqualTo("because " + reason);
            assertThat(status.kind()).isEqualTo("Status");
        }
    }

    @Test
    void anUnknownReasonFallsBackOnTheHttpCode() {
        assertThat(Status.failure(401, "SomethingNew", "x").toException().reason()).isEqualTo(ApiException.Reason.UNAUTHENTICATED);
        assertThat(Status.failure(413, "RequestEntityTooLarge", "x").toException().reason()).isEqualTo(ApiException.Reason.UNAVAILABLE);
        assertThat(Status.failure(400, "BadRequest", null).toException()).hasMessageContaining("400");
    }
}
