package dev.drover.app.offline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What offline recovery needs from the local kubeconfig vault. {@code dev.drover.engine.api} has no such
 * type yet (the engine's {@code KubeconfigVault} and {@code OfflineRecovery} live in
 * {@code engine.kubeconfig}, which the console may not use), so the console declares it here; an
 * {@code engine.api} type with these three calls can implement it directly. Every method may block: call
 * them off the FX thread. No method returns a token.
 */
public interface OfflineVault {

    /** A direct context kept in the vault: its name and API server URL. */
    record Entry(String name, String server) {
    }

    /** The outcome of calling one context's API server ({@code GET /version} with its CA and token). */
    record Check(boolean usable, String detail) {
    }

    /** Where the vault lives, for the page to say. */
    String location();

    /** Every direct context, newest copy first per name. Blocking file I/O. */
    List<Entry> directContexts() throws IOException;

    /** Calls the context's API server. Blocking network I/O; never throws. */
    Check test(Entry entry);

    /** Writes a kubeconfig (0600) holding only these direct contexts, the first one current. */
    void writeDirectOnly(Path target, List<Entry> entries) throws IOException;
}
