package dev.drover.server;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code drover server …} (see {@link ServerArguments#USAGE}): runs the headless server until the
 * process is stopped. Prints the URL and the CA fingerprint consoles and agents pin and, on the first
 * start of a data directory only, the bootstrap administrator's password — on standard output, once,
 * never through the log.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ServerConfig config;
        HaSettings ha;
        try {
            HaArguments.Split split = HaArguments.split(args);
            ha = split.settings();
            config = ServerArguments.parse(split.rest());
        } catch (IllegalArgumentException e) {
            System.err.println("drover server: " + e.getMessage());
            System.err.println(ServerArguments.USAGE);
            System.err.println(HaArguments.USAGE);
            System.exit(2);
            return;
        }
        DroverServer server;
        try {
            server = DroverServer.start(config, ha);
        } catch (RuntimeException e) {
            System.err.println("drover server: cannot start: " + e.getMessage());
            System.exit(69);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("Drover server at " + server.url());
        System.out.println("CA fingerprint (consoles pin it; agents' DROVER_CA_CHECKSUM): " + server.caChecksum());
        server.takeBootstrapPassword().ifPresent(password -> {
            System.out.println("First start: log in as admin with password " + new String(password)
                    + "  (shown this once)");
            Arrays.fill(password, '\0');
        });
        new CountDownLatch(1).await();
    }
}
