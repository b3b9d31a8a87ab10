package dev.drover.server.api;

import dev.drover.engine.api.CaPin;
import dev.drover.engine.api.Credentials;
import dev.drover.engine.api.RemoteManagementApi;
import dev.drover.engine.api.wire.LoginRequest;
import dev.drover.engine.api.wire.LoginResponse;
import dev.drover.engine.api.wire.WireJson;
import dev.drover.server.DroverServer;
import dev.drover.server.ServerConfig;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** A real server on a free port, its bootstrap admin password, and ways in. */
public final class ServerHarness {

    private ServerHarness() {
    }

    public static DroverServer start(Path dataDirectory, int port) {
        return DroverServer.start(ServerConfig.defaults(port, dataDirectory).withReconnectWait(Duration.ofSeconds(1))
                .withWatchHeartbeat(Duration.ofSeconds(1)));
    }

    public static String password(DroverServer server) {
        return new String(server.takeBootstrapPassword().orElseThrow(() -> new AssertionError("not a first start")));
    }

    /** A token for {@code username} from the login endpoint. */
    public static String login(DroverServer server, String username, String password) {
        RawHttp.Response response = RawHttp.call(server, HttpMethod.POST, "/v3/login", null,
                WireJson.encode(new LoginRequest("local", username, password)));
        if (response.status() != 200) {
            throw new AssertionError("login failed: " + response);
        }
        return WireJson.decode(response.body(), LoginResponse.class).token();
    }

    public static RemoteManagementApi connect(DroverServer server, String username, String password) {
        return RemoteManagementApi.connect(URI.create(server.url()), CaPin.fingerprint(server.caChecksum()),
                Credentials.password(username, password.toCharArray()));
    }

    public static RemoteManagementApi connectWithToken(DroverServer server, String token) {
        return RemoteManagementApi.connect(URI.create(server.url()), CaPin.fingerprint(server.caChecksum()), Credentials.token(token));
    }
}
