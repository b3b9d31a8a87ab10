package dev.drover.server.ha;

import dev.drover.engine.store.etcd.EtcdOptions;
import dev.drover.server.DroverServer;
import dev.drover.server.HaSettings;
import dev.drover.server.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * A replica in its own JVM, for tests that kill one without a goodbye (SIGKILL): arguments are the data
 * directory, the etcd client URLs (comma-separated), the replica id and the lease TTL in seconds. Prints
 * {@value #READY} once serving.
 */
public final class ReplicaProcessMain {

    static final String READY = "replica ready";

    private ReplicaProcessMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EtcdOptions etcd = EtcdOptions.of(Arrays.stream(args[1].split(",")).map(URI::create).toList());
        DroverServer server = DroverServer.start(ServerConfig.defaults(0, Path.of(args[0])).withReconnectWait(Duration.ofSeconds(1)),
                HaSettings.etcd(etcd, args[2]).withLeaseTtl(Duration.ofSeconds(Long.parseLong(args[3]))));
        System.out.println(READY + " at " + server.url());
        new CountDownLatch(1).await();
    }
}
