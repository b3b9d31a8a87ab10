package dev.drover.server;

import dev.drover.engine.auth.Authenticator;
import dev.drover.engine.auth.LdapAuthenticator;
import dev.drover.engine.auth.LdapSettings;
import dev.drover.engine.store.DataDirectories;
import dev.drover.tunnel.protocol.eventloop.PollingTransport;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Reads {@code drover server}'s command line into a {@link ServerConfig}; every mistake is an
 * {@link IllegalArgumentException} with one sentence and the usage.
 */
final class ServerArguments {

    static final String USAGE = """
            usage: drover server [--port N] [--data-dir DIR] [--hostname NAME]...
                                 [--tls-cert CHAIN.pem --tls-key KEY.pem [--tls-ca CA.pem]] [--ldap LDAP.properties]
                                 [--event-loop-poll MICROSECONDS]
              --port      HTTPS port (default 8443)
              --data-dir  store, CA and direct-cluster credentials (default: the per-user data directory)
              --hostname  name consoles and agents use for this server; repeat for more (first is advertised)
              --tls-*     serve this certificate instead of one from Drover's own CA; --tls-ca is what clients pin
                          (default: the chain's last certificate)
              --ldap      LDAP/AD login: url, bindDn, bindPassword, userBase, groupBase, flavor=openldap|activedirectory
              --event-loop-poll  longest time a network loop polls for I/O before it sleeps, while traffic flows:
                          lower latency for more CPU (default 100; 0 never polls)""";

    private ServerArguments() {
    }

    static ServerConfig parse(String[] args) {
        int port = 8443;
        Path dataDirectory = null;
        List<String> hostnames = new ArrayList<>();
        Path cert = null;
        Path key = null;
        Path ca = null;
        List<Authenticator> providers = new ArrayList<>();
        Duration poll = PollingTransport.DEFAULT_MAX_POLL;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value." : "Unknown argument " + option + ".");
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> port = port(value);
                case "--data-dir" -> dataDirectory = Path.of(value);
                case "--hostname" -> hostnames.add(value);
                case "--tls-cert" -> cert = Path.of(value);
                case "--tls-key" -> key = Path.of(value);
                case "--tls-ca" -> ca = Path.of(value);
                case "--ldap" -> providers.add(ldap(Path.of(value)));
                case "--event-loop-poll" -> poll = microseconds(option, value, PollingTransport.MAX_POLL_MICROS);
                default -> throw new IllegalArgumentException("Unknown option " + option + ".");
            }
        }
        if ((cert == null) != (key == null) || (ca != null && cert == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together (and --tls-ca only with them).");
        }
        ServerConfig config = ServerConfig.defaults(port, dataDirectory == null ? DataDirectories.resolve() : dataDirectory)
                .withLoginProviders(providers).withEventLoopPoll(poll);
        if (!hostnames.isEmpty()) {
            config = config.withHostnames(hostnames);
        }
        return cert == null ? config : config.withTls(new ServerConfig.TlsFiles(cert, key, ca));
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port takes a number from 0 to 65535, got \"" + value + "\".");
        }
    }

    private static Duration microseconds(String option, String value, int max) {
        try {
            int micros = Integer.parseInt(value);
            if (micros < 0 || micros > max) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos(micros * 1_000L);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes microseconds from 0 to " + max + ", got \"" + value + "\".");
        }
    }

    private static Authenticator ldap(Path file) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read --ldap " + file + ": " + e.getMessage(), e);
        }
        for (String required : List.of("url", "bindDn", "bindPassword", "userBase")) {
            if (p.getProperty(required, "").isBlank()) {
                throw new IllegalArgumentException("--ldap " + file + " lacks " + required + ".");
            }
        }
        URI url = URI.create(p.getProperty("url").strip());
        String groupBase = p.getProperty("groupBase", p.getProperty("userBase")).strip();
        LdapSettings settings = "activedirectory".equalsIgnoreCase(p.getProperty("flavor", "openldap").strip())
                ? LdapSettings.activeDirectory(url, p.getProperty("bindDn").strip(), p.getProperty("bindPassword"), p.getProperty("userBase").strip(), groupBase)
                : LdapSettings.openLdap(url, p.getProperty("bindDn").strip(), p.getProperty("bindPassword"), p.getProperty("userBase").strip(), groupBase);
        return new LdapAuthenticator(settings);
    }
}
