package dev.drover.server.authproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every streaming case of {@link AuthProxyStreamingIT} again, with an API server that offers HTTP/2 as kube-apiserver
 * does: the proxy's upstream leg then runs on HTTP/2 streams (watches, late readers, cut answers, leaving clients),
 * while WebSocket and SPDY upgrades still go over HTTP/1.1.
 */
class AuthProxyStreamingOverHttp2IT extends AuthProxyStreamingIT {

    @Override
    boolean upstreamSpeaksHttp2() {
        return true;
    }

    @Test
    void ordinaryRequestsReachTheApiServerAsHttp2StreamsAndTheAnswerCarriesNoStreamHeader() throws Exception {
        // when: two requests through the proxy, one after the other and at once
        for (int i = 0; i < 2; i++) {
            CompletableFuture<HttpClientResponse> answered = new CompletableFuture<>();
            Buffer body = fixture().httpClient().request(new RequestOptions().setMethod(HttpMethod.GET)
                            .setAbsoluteURI(fixture().proxyUrl("c-direct") + TestUpstream.LARGE_PATH)
                            .addHeader("Authorization", "Bearer " + token().value()))
                    .compose(request -> request.send())
                    .compose(response -> {
                        answered.complete(response);
                        return response.body(); // asked for on the event loop, before any of it arrives
                    })
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            HttpClientResponse response = answered.get();

            // then
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(body.length()).isEqualTo(TestUpstream.LARGE_BYTES);
            assertThat(body.equals(TestUpstream.large())).as("the body, byte for byte").isTrue();
            assertThat(response.headers().names()).noneMatch(name -> name.toLowerCase().startsWith("x-http2"));
        }
        assertThat(upstream().versions).hasSize(2).containsOnly(HttpVersion.HTTP_2);
        assertThat(upstream().received).allMatch(headers -> "alice".equals(headers.get("Impersonate-User")));
    }
}
