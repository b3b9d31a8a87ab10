package dev.drover.tunnel.protocol.kubeapiauth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The synced set of {@link TokenRecord}s: its place downstream, its JSON form, and the check of a bearer
 * token against it. Immutable; thread-safe.
 *
 * <p>Format (version 1), the value of key {@value #DATA_KEY} of Secret {@value #NAMESPACE}/{@value #SECRET_NAME}:
 * {@code {"version":1,"tokens":[{"id":…,"salt":…,"hash":…,"user":…,"groups":[…],"expiresAt":…}]}}.
 */
public final class TokenRecords {

    public static final String NAMESPACE = "drover-system";
    public static final String SECRET_NAME = "drover-kube-api-auth";
    public static final String DATA_KEY = "tokens.json";
    public static final int VERSION = 1;

    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, TokenRecord> byId;

    public TokenRecords(List<TokenRecord> records) {
        this.byId = records.stream().collect(Collectors.toUnmodifiableMap(TokenRecord::id, Function.identity(), (a, b) -> a));
    }

    public List<TokenRecord> records() {
        return byId.values().stream().sorted(java.util.Comparator.comparing(TokenRecord::id)).toList();
    }

    /** The JSON stored downstream, records sorted by id so an unchanged set encodes identically. */
    public String encode() {
        JsonArray tokens = new JsonArray();
        for (TokenRecord record : records()) {
            tokens.add(new JsonObject().put("id", record.id()).put("salt", record.salt()).put("hash", record.secretHash())
                    .put("user", record.username()).put("groups", new JsonArray(new ArrayList<>(record.groups())))
                    .put("expiresAt", record.expiresAt()));
        }
        return new JsonObject().put("version", VERSION).put("tokens", tokens).encode();
    }

    /** Reads {@link #encode()}'s output; fails with {@link IllegalArgumentException} naming what is wrong. */
    public static TokenRecords decode(String json) {
        try {
            JsonObject root = new JsonObject(json);
            if (root.getInteger("version", 0) != VERSION) {
                throw new IllegalArgumentException("token records of version " + root.getValue("version") + "; this reads " + VERSION);
            }
            List<TokenRecord> records = new ArrayList<>();
            for (Object entry : root.getJsonArray("tokens", new JsonArray())) {
                JsonObject token = (JsonObject) entry;
                List<String> groups = token.getJsonArray("groups", new JsonArray()).stream().map(String::valueOf).toList();
                records.add(new TokenRecord(token.getString("id"), token.getString("salt"), token.getString("hash"),
                        token.getString("user"), groups, token.getLong("expiresAt", 0L)));
            }
            return new TokenRecords(records);
        } catch (DecodeException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not valid token records: " + e.getMessage(), e);
        }
    }

    /**
     * The record {@code bearer} ({@code token-xxxxx:secret}) proves, if it is known, its secret matches
     * (constant-time) and it has not expired at {@code now}.
     */
    public Optional<TokenRecord> verify(String bearer, Instant now) {
        int colon = bearer == null ? -1 : bearer.indexOf(':');
        if (colon <= 0 || colon == bearer.length() - 1) {
            return Optional.empty();
        }
        TokenRecord record = byId.get(bearer.substring(0, colon));
        if (record == null) {
            return Optional.empty();
        }
        byte[] expected = record.secretHash().getBytes(StandardCharsets.US_ASCII);
        byte[] actual;
        try {
            actual = hash(record.salt(), bearer.substring(colon + 1)).getBytes(StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException badSalt) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            return Optional.empty();
        }
        if (record.expiresAt() != 0 && now.getEpochSecond() >= record.expiresAt()) {
            return Optional.empty();
        }
        return Optional.of(record);
    }

    /** Hex SHA-256 of the salt's bytes and the secret's UTF-8: how the engine hashes token secrets. */
    public static String hash(String saltHex, String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(HEX.parseHex(saltHex));
            digest.update(secret.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
