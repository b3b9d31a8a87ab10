package dev.drover.cli.kubeconfig;

import dev.drover.cli.CliException;
import dev.drover.cli.ExitCodes;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.CaPin;
import dev.drover.engine.api.ClusterSummary;
import dev.drover.engine.api.Credentials;
import dev.drover.engine.api.ExportedKubeconfig;
import dev.drover.engine.api.KubeconfigExport;
import dev.drover.engine.api.RemoteManagementApi;
import dev.drover.engine.kubeconfig.ClusterAccess;
import dev.drover.engine.kubeconfig.KubeconfigBuilder;
import dev.drover.engine.kubeconfig.KubeconfigRequest;
import dev.drover.engine.kubeconfig.KubeconfigVault;
import dev.drover.engine.kubeconfig.SecretFiles;
import dev.drover.tunnel.protocol.CaChecksum;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover kubeconfig export}: logs in to a server (CA pinned by fingerprint), asks it for a kubeconfig
 * for some or all clusters, writes it 0600 and keeps a copy in the local vault for offline recovery.
 * Secrets never come from arguments (visible in {@code ps}): the password or token is read from standard
 * input, the environment or the terminal.
 *
 * <p>While a server does not offer export yet (the API method answers UNAVAILABLE "does not offer"), and a
 * token was given, the kubeconfig is built here with proxy contexts only: the direct (ACE) contexts need
 * each cluster's CA and control-plane addresses, which only the server's export knows.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export a kubeconfig for clusters of a running server and keep a copy in the local vault.",
                "Secrets: --password-stdin or DROVER_PASSWORD, or --token-stdin or DROVER_API_TOKEN; else the password is asked for."})
public final class ExportCommand implements Callable<Integer> {

    static final String PASSWORD_ENV = "DROVER_PASSWORD";
    static final String TOKEN_ENV = "DROVER_API_TOKEN";
    private static final long TIMEOUT_SECONDS = 60;

    /** Proxy contexts, direct (ACE) contexts, or both. */
    enum Contexts { PROXY, ACE, BOTH }

    @Option(names = "--server", required = true, paramLabel = "URL", description = "The server, https://HOST:PORT.")
    URI server;

    @Option(names = "--fingerprint", required = true, paramLabel = "SHA256",
            description = "The server CA fingerprint `drover server` printed; nothing is sent to a server whose CA differs.")
    String fingerprint;

    @Option(names = "--user", paramLabel = "NAME", description = "Log in as this user (with the password as above).")
    String user;

    @Option(names = "--provider", paramLabel = "NAME", defaultValue = "local", description = "Login provider: local (default) or ldap.")
    String provider;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(names = "--token-stdin", description = "Read an API token (token-xxxxx:secret) from standard input instead of logging in.")
    boolean tokenStdin;

    @Option(names = "--cluster", paramLabel = "ID", description = "A cluster id; repeat for more (default: every cluster you may see).")
    List<String> clusters = new ArrayList<>();

    @Option(names = "--contexts", paramLabel = "KIND", defaultValue = "BOTH",
            description = "proxy (through the server), ace (direct to each cluster) or both (default).")
    Contexts contexts;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Write the kubeconfig here (mode 0600, replaced).")
    Path output;

    @Option(names = "--vault", paramLabel = "DIR", description = "Local vault for offline recovery (default: kubeconfig-vault in the data directory).")
    Path vault;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    public ExportCommand() {
        this(System.getenv());
    }

    /** For tests: the environment the secrets may come from. */
    public ExportCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (!CaChecksum.isWellFormed(fingerprint.strip())) {
            throw new CliException(ExitCodes.USAGE, "--fingerprint takes the 64 hex digits `drover server` printed, got \"" + fingerprint + "\".");
        }
        String token = token();
        Credentials credentials = token != null ? Credentials.token(token) : passwordCredentials();
        boolean proxy = contexts != Contexts.ACE;
        boolean ace = contexts != Contexts.PROXY;
        try (RemoteManagementApi api = RemoteManagementApi.connect(server, CaPin.fingerprint(fingerprint), credentials)) {
            List<String> ids = clusters.isEmpty() ? api.listClusters().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream().map(ClusterSummary::id).toList() : clusters;
            if (ids.isEmpty()) {
                throw new CliException(ExitCodes.FAILED, "The server has no clusters you may see: nothing to export.");
            }
            String yaml;
            String keptBy = "";
            try {
                ExportedKubeconfig exported = api.exportKubeconfig(new KubeconfigExport(ids, proxy, ace)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                yaml = exported.yaml();
                keptBy = exported.vaultFile() == null ? "" : exported.vaultFile();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof ApiException notOffered && notOffered.getMessage().contains("does not offer")) || token == null || !proxy) {
                    throw e;
                }
                spec.commandLine().getErr().println("drover: this server does not export kubeconfigs yet; writing proxy contexts only"
                        + " (direct ACE contexts need the server's export).");
                yaml = proxyOnly(api, ids, token);
            }
            SecretFiles.write(output, yaml);
            // The API keeps its own copy in the default vault; a second copy only where --vault asks for one.
            String kept = !keptBy.isEmpty() && vault == null ? keptBy
                    : new KubeconfigVault(vault != null ? vault : KubeconfigCommand.defaultVault(), Clock.systemUTC())
                            .save(String.join("-", ids), yaml).toString();
            spec.commandLine().getOut().println("Wrote " + output + " (0600); vault copy " + kept);
            return ExitCodes.OK;
        } catch (TimeoutException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "The server did not answer within " + TIMEOUT_SECONDS + " s.", e);
        }
    }

    private String proxyOnly(RemoteManagementApi api, List<String> ids, String token) throws Exception {
        Map<String, String> names = new java.util.HashMap<>();
        api.listClusters().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach(c -> names.put(c.id(), c.displayName()));
        List<ClusterAccess> access = ids.stream()
                .map(id -> new ClusterAccess(id, names.getOrDefault(id, id), false, "", "", List.of())).toList();
        String caPem = ServerCa.fetch(server, fingerprint);
        return KubeconfigBuilder.build(new KubeconfigRequest("https://" + server.getRawAuthority(), caPem, api.username(), token,
                access, true, false));
    }

    private String token() throws IOException {
        if (tokenStdin) {
            return firstLineOfStdin("--token-stdin");
        }
        String fromEnvironment = environment.get(TOKEN_ENV);
        return user == null && fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment.strip() : null;
    }

    private Credentials passwordCredentials() throws IOException {
        if (user == null) {
            throw new CliException(ExitCodes.USAGE, "Say who you are: --user NAME (with a password), or a token with --token-stdin or " + TOKEN_ENV + ".");
        }
        char[] password;
        if (passwordStdin) {
            password = firstLineOfStdin("--password-stdin").toCharArray();
        } else if (environment.containsKey(PASSWORD_ENV)) {
            password = environment.get(PASSWORD_ENV).toCharArray();
        } else if (System.console() != null) {
            password = System.console().readPassword("Password for %s: ", user);
        } else {
            throw new CliException(ExitCodes.USAGE, "No password: pass --password-stdin or set " + PASSWORD_ENV + " (there is no terminal to ask on).");
        }
        try {
            return Credentials.password(provider, user, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static String firstLineOfStdin(String option) throws IOException {
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isBlank()) {
            throw new CliException(ExitCodes.USAGE, option + " read nothing from standard input.");
        }
        return line.strip();
    }
}
