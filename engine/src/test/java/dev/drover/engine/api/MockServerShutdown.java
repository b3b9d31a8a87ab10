package dev.drover.engine.api;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.concurrent.TimeoutException;

/**
 * Stops a fabric8 mock API server (a TEST DOUBLE) without failing the test over the mock's own shutdown limit:
 * fabric8's {@code MockWebServer} gives its Vert.x server 10 s to close and then throws "Unable to close
 * MockWebServer". On a starved 2-core box that limit was hit in CI and in local runs under load, also in a test that
 * had closed every client of the mock first, while the same shutdown takes 3–11 ms otherwise. What
 * a test proves is in its assertions, which have run by then; a late shutdown is reported and finishes in the
 * background. Any other failure to stop still fails the test.
 */
public final class MockServerShutdown {

    private MockServerShutdown() {
    }

    public static void stop(KubernetesMockServer server) {
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof TimeoutException)) {
                throw e;
            }
            System.err.println("fabric8's mock API server on port " + server.getPort()
                    + " did not close within its 10 s limit; it finishes closing in the background");
        }
    }
}
