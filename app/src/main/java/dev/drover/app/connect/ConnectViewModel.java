package dev.drover.app.connect;

import dev.drover.app.fx.FxThreads;
import dev.drover.engine.api.ApiException;
import dev.drover.engine.api.CaPin;
import dev.drover.engine.api.Credentials;
import dev.drover.engine.api.LocalManagementApi;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.RemoteManagementApi;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The connect page: lab or remote, server URL, password or token. Connecting runs on the background
 * executor (opening a store or a TLS login may take seconds) and can be cancelled; a late result of a
 * cancelled attempt is closed, never shown. The server CA's fingerprint is put to the user on the FX
 * thread once per server; after that the confirmed fingerprint is pinned without asking.
 */
public final class ConnectViewModel {

    /** Lab or remote. */
    public enum Mode { LAB, REMOTE }

    /** How the console reaches a server; tests replace it. */
    @FunctionalInterface
    public interface RemoteConnect {
        ManagementApi connect(URI server, CaPin pin, Credentials credentials);
    }

    private final FxThreads threads;
    private final ConsoleSettings settings;
    private final Path labDirectory;
    private final Function<Path, ManagementApi> openLab;
    private final RemoteConnect remote;
    private final Consumer<ManagementApi> onConnected;
    private Function<String, CompletableFuture<Boolean>> confirmFingerprint = fingerprint -> CompletableFuture.completedFuture(false);

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.LAB);
    private final StringProperty serverUrl = new SimpleStringProperty(this, "serverUrl", "");
    private final StringProperty username = new SimpleStringProperty(this, "username", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final StringProperty token = new SimpleStringProperty(this, "token", "");
    private final BooleanProperty useToken = new SimpleBooleanProperty(this, "useToken", false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper unreachable = new ReadOnlyBooleanWrapper(this, "unreachable", false);
    private long attempt;

    public ConnectViewModel(FxThreads threads, ConsoleSettings settings, Path labDirectory, Consumer<ManagementApi> onConnected) {
        this(threads, settings, labDirectory, LocalManagementApi::openLab, RemoteManagementApi::connect, onConnected);
    }

    /** For tests: other ways to open the lab engine and reach a server. */
    public ConnectViewModel(FxThreads threads, ConsoleSettings settings, Path labDirectory, Function<Path, ManagementApi> openLab,
                            RemoteConnect remote, Consumer<ManagementApi> onConnected) {
        this.threads = threads;
        this.settings = settings;
        this.labDirectory = labDirectory;
        this.openLab = openLab;
        this.remote = remote;
        this.onConnected = onConnected;
        mode.set("remote".equals(settings.lastMode()) ? Mode.REMOTE : Mode.LAB);
        settings.servers().stream().findFirst().ifPresent(this::fill);
    }

    /** The view's question "do you trust this CA?"; completes on any thread with the answer. */
    public void setConfirmFingerprint(Function<String, CompletableFuture<Boolean>> confirm) {
        this.confirmFingerprint = confirm;
    }

    /** Fills the form from a remembered server (the user picked it from the list). */
    public void fill(RememberedServer server) {
        serverUrl.set(server.url());
        username.set(server.username());
    }

    public List<RememberedServer> rememberedServers() {
        return settings.servers();
    }

    public String labLocation() {
        return labDirectory.toString();
    }

    /** Starts connecting; returns at once. Bad input sets {@link #errorProperty()} and starts nothing. */
    public void connect() {
        error.set("");
        unreachable.set(false);
        long mine = ++attempt;
        if (mode.get() == Mode.LAB) {
            busy.set(true);
            run(mine, () -> openLab.apply(labDirectory), null);
            return;
        }
        URI server;
        try {
            server = new URI(serverUrl.get().strip());
        } catch (URISyntaxException e) {
            error.set("Server: \"" + serverUrl.get().strip() + "\" is not a URL; enter https://host:port.");
            return;
        }
        Credentials credentials;
        if (useToken.get()) {
            if (token.get().isBlank()) {
                error.set("Token: enter the API token, or log in with a user name and password.");
                return;
            }
            credentials = Credentials.token(token.get());
        } else {
            if (username.get().isBlank()) {
                error.set("User name: enter who to log in as.");
                return;
            }
            credentials = Credentials.password(username.get().strip(), password.get().toCharArray());
        }
        String url = serverUrl.get().strip();
        String known = settings.server(url).map(RememberedServer::fingerprint).orElse("");
        AtomicReference<String> accepted = new AtomicReference<>(known);
        CaPin pin = known.isEmpty() ? CaPin.ask(fingerprint -> ask(fingerprint, accepted)) : CaPin.fingerprint(known);
        busy.set(true);
        run(mine, () -> remote.connect(server, pin, credentials),
                () -> new RememberedServer(url, useToken.get() ? "" : username.get().strip(), accepted.get()));
    }

    /** Runs on the connecting thread: asks on the FX thread and waits for the answer. */
    private boolean ask(String fingerprint, AtomicReference<String> accepted) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        threads.fx().execute(() -> confirmFingerprint.apply(fingerprint).whenComplete((yes, failure) ->
                answer.complete(failure == null && Boolean.TRUE.equals(yes))));
        try {
            boolean yes = answer.get();
            if (yes) {
                accepted.set(fingerprint);
            }
            return yes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private void run(long mine, Supplier<ManagementApi> open, Supplier<RememberedServer> remember) {
        threads.background().execute(() -> {
            ManagementApi api;
            try {
                api = open.get();
            } catch (ApiException e) {
                threads.fx().execute(() -> failed(mine, e.getMessage(), e.reason() == ApiException.Reason.UNAVAILABLE));
                return;
            } catch (RuntimeException e) {
                threads.fx().execute(() -> failed(mine, "Cannot connect: " + e.getMessage(), false));
                return;
            }
            threads.fx().execute(() -> connected(mine, api, remember));
        });
    }

    private void failed(long mine, String message, boolean serverUnreachable) {
        if (mine != attempt) {
            return;
        }
        busy.set(false);
        error.set(message);
        unreachable.set(serverUnreachable && mode.get() == Mode.REMOTE);
    }

    private void connected(long mine, ManagementApi api, Supplier<RememberedServer> remember) {
        if (mine != attempt) {
            // Cancelled while connecting: nobody will use this engine.
            threads.background().execute(api::close);
            return;
        }
        busy.set(false);
        password.set("");
        settings.setLastMode(mode.get() == Mode.LAB ? "lab" : "remote");
        if (remember != null) {
            settings.rememberServer(remember.get());
        }
        try {
            settings.save();
        } catch (RuntimeException e) {
            // Remembering is a convenience; connecting worked.
        }
        onConnected.accept(api);
    }

    /** Abandons the running attempt; a late result is closed. */
    public void cancel() {
        attempt++;
        busy.set(false);
        error.set("Cancelled.");
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public StringProperty serverUrlProperty() {
        return serverUrl;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public BooleanProperty useTokenProperty() {
        return useToken;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True after a remote attempt failed because the server cannot be reached: offer the offline vault. */
    public ReadOnlyBooleanProperty unreachableProperty() {
        return unreachable.getReadOnlyProperty();
    }
}
