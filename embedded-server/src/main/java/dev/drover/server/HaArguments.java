package dev.drover.server;

import dev.drover.engine.store.InvalidRequestException;
import dev.drover.engine.store.etcd.EtcdOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The replica options of {@code drover server}, taken out of the command line before
 * {@link ServerArguments} reads the rest; every mistake is an {@link IllegalArgumentException} with one
 * sentence.
 */
final class HaArguments {

    static final String USAGE = """
              --store       etcd://host:port[,host:port…] to run as one of several replicas on etcd (default: SQLite
                            in the data directory); --etcd-cacert CA.pem [--etcd-cert CERT.pem --etcd-key KEY.pem]
                            for TLS, --replica-id NAME (default: the host name), --etcd-prefix (default /drover),
                            --peer-url https://HOST:PORT how the other replicas reach this one (default: the advertised URL)""";

    /** The replica settings and the arguments left for {@link ServerArguments}. */
    record Split(HaSettings settings, String[] rest) {
    }

    private HaArguments() {
    }

    static Split split(String[] args) {
        List<String> rest = new ArrayList<>();
        String store = null;
        Path ca = null;
        Path cert = null;
        Path key = null;
        String replicaId = null;
        String prefix = EtcdOptions.DEFAULT_PREFIX;
        String peerUrl = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            boolean ours = switch (option) {
                case "--store", "--etcd-cacert", "--etcd-cert", "--etcd-key", "--replica-id", "--etcd-prefix", "--peer-url" -> true;
                default -> false;
            };
            if (!ours) {
                rest.add(option);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value.");
            }
            String value = args[++i];
            switch (option) {
                case "--store" -> store = value;
                case "--etcd-cacert" -> ca = readable(option, value);
                case "--etcd-cert" -> cert = readable(option, value);
                case "--etcd-key" -> key = readable(option, value);
                case "--replica-id" -> replicaId = value;
                case "--peer-url" -> peerUrl = value;
                default -> prefix = value;
            }
        }
        HaSettings settings = settings(store, ca, cert, key, replicaId, prefix);
        if (peerUrl != null) {
            if (!settings.replicated()) {
                throw new IllegalArgumentException("--peer-url needs --store etcd://….");
            }
            if (!peerUrl.startsWith("https://")) {
                throw new IllegalArgumentException("--peer-url must be an https:// URL, got \"" + peerUrl + "\".");
            }
            settings = settings.withPeerUrl(peerUrl);
        }
        return new Split(settings, rest.toArray(String[]::new));
    }

    private static HaSettings settings(String store, Path ca, Path cert, Path key, String replicaId, String prefix) {
        if (store == null || store.equals("sqlite")) {
            if (ca != null || cert != null || key != null || replicaId != null) {
                throw new IllegalArgumentException("--etcd-* and --replica-id need --store etcd://….");
            }
            return HaSettings.SINGLE;
        }
        if (cert != null && ca == null) {
            throw new IllegalArgumentException("--etcd-cert needs --etcd-cacert: client certificates only go over TLS.");
        }
        if (!prefix.startsWith("/") || prefix.length() < 2) {
            throw new IllegalArgumentException("--etcd-prefix must start with / and name something, got \"" + prefix + "\".");
        }
        try {
            EtcdOptions options = EtcdOptions.of(EtcdOptions.parseEndpoints(store, ca != null)).withPrefix(prefix);
            if (ca != null) {
                options = options.withTls(ca, cert, key);
            }
            return HaSettings.etcd(options, replicaId != null ? replicaId : hostName());
        } catch (InvalidRequestException e) {
            throw new IllegalArgumentException("--store: " + e.getMessage() + ".", e);
        }
    }

    private static Path readable(String option, String value) {
        Path path = Path.of(value);
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException(option + " " + value + " is not a readable file.");
        }
        return path;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "replica-" + ProcessHandle.current().pid();
        }
    }
}
