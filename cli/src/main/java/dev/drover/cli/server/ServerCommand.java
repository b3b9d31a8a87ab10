package dev.drover.cli.server;

import dev.drover.server.ServerMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code drover server}: the headless shared server. picocli documents and type-checks the options; the
 * server's own {@code ServerArguments}/{@code HaArguments} still read them (handed over unchanged, in the
 * order given), so the two command lines cannot drift apart in meaning. Runs until the process is stopped.
 */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Run the headless shared server until stopped (Ctrl-C or SIGTERM).",
                "Prints its URL, the CA fingerprint consoles and agents pin and, on the first start of a data",
                "directory only, the admin password."})
public final class ServerCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "HTTPS port (default 8443; 0 picks a free one).")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Store, CA and direct-cluster credentials (default: the per-user data directory).")
    Path dataDirectory;

    @Option(names = "--hostname", paramLabel = "NAME",
            description = "Name consoles and agents use for this server; repeat for more (the first is advertised).")
    List<String> hostnames = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "CHAIN.pem", description = "Serve this certificate chain instead of one from Drover's CA.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "KEY.pem", description = "The key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--tls-ca", paramLabel = "CA.pem", description = "What clients pin with --tls-cert (default: the chain's last certificate).")
    Path tlsCa;

    @Option(names = "--ldap", paramLabel = "LDAP.properties",
            description = "LDAP/AD login: url, bindDn, bindPassword, userBase, groupBase, flavor=openldap|activedirectory.")
    List<Path> ldap = new ArrayList<>();

    @Option(names = "--store", paramLabel = "etcd://HOST:PORT[,...]",
            description = "Run as one of several replicas on etcd (default: SQLite in the data directory).")
    String store;

    @Option(names = "--etcd-cacert", paramLabel = "CA.pem", description = "etcd's CA, for TLS to etcd.")
    Path etcdCa;

    @Option(names = "--etcd-cert", paramLabel = "CERT.pem", description = "Client certificate for etcd.")
    Path etcdCert;

    @Option(names = "--etcd-key", paramLabel = "KEY.pem", description = "Key of --etcd-cert.")
    Path etcdKey;

    @Option(names = "--replica-id", paramLabel = "NAME", description = "This replica's name (default: the host name).")
    String replicaId;

    @Option(names = "--etcd-prefix", paramLabel = "PREFIX", description = "Key prefix in etcd (default /drover).")
    String etcdPrefix;

    @Option(names = "--peer-url", paramLabel = "https://HOST:PORT",
            description = "How the other replicas reach this one (default: the advertised URL).")
    String peerUrl;

    private final Consumer<String[]> server;

    public ServerCommand() {
        this(ServerCommand::runServer);
    }

    /** For tests: {@code server} receives the arguments {@code ServerMain} would get. */
    public ServerCommand(Consumer<String[]> server) {
        this.server = server;
    }

    @Override
    public Integer call() {
        server.accept(arguments().toArray(String[]::new));
        return 0;
    }

    /** The command line as ServerMain reads it. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        add(args, "--port", port);
        add(args, "--data-dir", dataDirectory);
        hostnames.forEach(name -> add(args, "--hostname", name));
        add(args, "--tls-cert", tlsCert);
        add(args, "--tls-key", tlsKey);
        add(args, "--tls-ca", tlsCa);
        ldap.forEach(file -> add(args, "--ldap", file));
        add(args, "--store", store);
        add(args, "--etcd-cacert", etcdCa);
        add(args, "--etcd-cert", etcdCert);
        add(args, "--etcd-key", etcdKey);
        add(args, "--replica-id", replicaId);
        add(args, "--etcd-prefix", etcdPrefix);
        add(args, "--peer-url", peerUrl);
        return args;
    }

    /** ServerMain blocks until the process ends; an interrupt (nothing sends one) just ends the command. */
    private static void runServer(String[] args) {
        try {
            ServerMain.main(args);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void add(List<String> args, String option, Object value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }
}
