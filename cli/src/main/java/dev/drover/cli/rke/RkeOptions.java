package dev.drover.cli.rke;

import dev.drover.engine.store.DataDirectories;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What every {@code drover rke} verb takes: RKE's {@code --config} and how to reach the nodes. */
final class RkeOptions {

    @Option(names = "--config", paramLabel = "cluster.yml", defaultValue = "cluster.yml",
            description = "The cluster description (default ./cluster.yml); cluster.rkestate and kube_config_<name>.yml live beside it.")
    Path config;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "SSH host keys of the nodes, recorded on first use (default: rke_known_hosts in the data directory).")
    Path knownHosts;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "50", description = "Hosts worked on at once (default 50, as RKE).")
    int parallelism;

    Path knownHostsFile() {
        return knownHosts != null ? knownHosts : DataDirectories.resolve().resolve("rke_known_hosts");
    }
}
