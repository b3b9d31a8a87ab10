package dev.drover.server;

import dev.drover.engine.store.DataDirectories;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code drover server [--port N] [--data-dir DIR] [--hostname NAME]...}: runs the headless server and
 * prints the URL and the CA checksum agents pin. Issue #5 grows this into the full server.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8443;
        Path dataDirectory = DataDirectories.resolve();
        List<String> hostnames = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDirectory = Path.of(args[++i]);
                case "--hostname" -> hostnames.add(args[++i]);
                default -> {
                    System.err.println("usage: drover server [--port N] [--data-dir DIR] [--hostname NAME]...");
                    System.exit(2);
                }
            }
        }
        ServerConfig config = ServerConfig.defaults(port, dataDirectory);
        if (!hostnames.isEmpty()) {
            config = new ServerConfig(port, dataDirectory, hostnames, config.reconnectWait(), config.tunnel(), config.agentImage());
        }
        DroverServer server = DroverServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("Drover server at " + server.url());
        System.out.println("CA checksum (DROVER_CA_CHECKSUM): " + server.caChecksum());
        new CountDownLatch(1).await();
    }
}
