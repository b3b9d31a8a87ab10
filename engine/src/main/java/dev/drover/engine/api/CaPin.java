package dev.drover.engine.api;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * How {@link RemoteManagementApi#connect} decides to trust a server's CA: a fingerprint known in advance
 * (printed by {@code drover server}), or a question put to the user. The fingerprint is the lower-case
 * hex SHA-256 of the CA PEM the server serves at {@code /cacerts} — the agents' {@code DROVER_CA_CHECKSUM}.
 */
public final class CaPin {

    private final String expected;
    private final Predicate<String> decide;

    private CaPin(String expected, Predicate<String> decide) {
        this.expected = expected;
        this.decide = decide;
    }

    /** Trusts only the CA with this fingerprint (64 hex digits, any case). */
    public static CaPin fingerprint(String sha256Hex) {
        Objects.requireNonNull(sha256Hex, "sha256Hex");
        return new CaPin(sha256Hex.strip(), null);
    }

    /**
     * Shows the server's fingerprint to {@code decide} (e.g. a dialog: "is this the fingerprint your
     * administrator gave you?"), which returns whether to trust it. Called on the connecting thread.
     */
    public static CaPin ask(Predicate<String> decide) {
        return new CaPin(null, Objects.requireNonNull(decide, "decide"));
    }

    /** The pinned fingerprint, or {@code null} when the user is asked. */
    String expected() {
        return expected;
    }

    boolean accepts(String fingerprint) {
        return decide.test(fingerprint);
    }
}
