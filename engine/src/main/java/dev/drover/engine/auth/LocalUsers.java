package dev.drover.engine.auth;

import dev.drover.engine.model.User;
import dev.drover.engine.store.AlreadyExistsException;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ObjectKey;
import dev.drover.engine.store.ResourceStore;
import dev.drover.engine.store.StoredObject;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Users kept in Drover's own store, with Argon2id password hashes, and the authenticator for them.
 * Blocking; thread-safe.
 */
public final class LocalUsers implements Authenticator {

    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final String BOOTSTRAP_ADMIN = "admin";

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,62}[a-z0-9])?");
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final ResourceStore store;
    private final PasswordHasher hasher;
    private final JsonCodec<User> codec = new JsonCodec<>(User.class);
    private final SecureRandom random = new SecureRandom();
    /** Verified when the user does not exist, so a missing user takes as long as a wrong password. */
    private final String decoyHash;

    public LocalUsers(ResourceStore store, PasswordHasher hasher) {
        this.store = store;
        this.hasher = hasher;
        this.decoyHash = hasher.hash("decoy-password-never-matches".toCharArray());
    }

    @Override
    public String provider() {
        return "local";
    }

    /** Creates a local user; bad input fails with {@link IllegalArgumentException} naming the field. */
    public User create(String username, String displayName, char[] password, boolean admin) {
        String name = normalize(username);
        checkPassword(password);
        User user = new User(name, displayName, hasher.hash(password), true, provider(), admin);
        try {
            store.create(ObjectKey.of(User.KIND, name), Map.of("provider", provider()), codec.encode(user));
        } catch (AlreadyExistsException e) {
            throw new IllegalArgumentException("username: \"" + name + "\" is taken.", e);
        }
        return user;
    }

    /**
     * On the very first start (no users at all) creates {@value #BOOTSTRAP_ADMIN} with a random
     * password and returns that password, to be shown once; later starts return empty.
     */
    public Optional<char[]> bootstrapAdmin() {
        if (!store.list(new ListRequest(User.KIND, null, dev.drover.engine.store.LabelSelector.EVERYTHING, 1, null)).items().isEmpty()) {
            return Optional.empty();
        }
        char[] password = randomPassword(20);
        try {
            create(BOOTSTRAP_ADMIN, "Default Admin", password, true);
        } catch (IllegalArgumentException raced) {
            return Optional.empty(); // another replica bootstrapped first
        }
        return Optional.of(password);
    }

    public Optional<User> find(String username) {
        return store.get(ObjectKey.of(User.KIND, normalizeLenient(username))).map(codec::decode);
    }

    public List<User> list() {
        return store.list(ListRequest.all(User.KIND)).items().stream().map(codec::decode).toList();
    }

    public void setPassword(String username, char[] password) {
        checkPassword(password);
        update(username, user -> user.withPasswordHash(hasher.hash(password)));
    }

    public void setEnabled(String username, boolean enabled) {
        update(username, user -> user.withEnabled(enabled));
    }

    @Override
    public Principal authenticate(String username, char[] password) {
        Optional<StoredObject> stored = username == null ? Optional.empty()
                : store.get(ObjectKey.of(User.KIND, normalizeLenient(username)));
        User user = stored.map(codec::decode).orElse(null);
        String hash = user == null || user.passwordHash().isEmpty() ? decoyHash : user.passwordHash();
        boolean matches = hasher.verify(password, hash);
        if (user == null || !matches || !user.enabled() || user.passwordHash().isEmpty()) {
            throw new AuthenticationException("Invalid username or password.");
        }
        if (hasher.needsRehash(user.passwordHash())) {
            update(user.username(), current -> current.withPasswordHash(hasher.hash(password)));
        }
        return new Principal(user.username(), user.displayName(), provider(), List.of(), user.admin());
    }

    private void update(String username, java.util.function.UnaryOperator<User> change) {
        ObjectKey key = ObjectKey.of(User.KIND, normalizeLenient(username));
        StoredObject current = store.get(key)
                .orElseThrow(() -> new IllegalArgumentException("username: no user \"" + username + "\"."));
        store.update(key, current.revision(), current.labels(), codec.encode(change.apply(codec.decode(current))));
    }

    static String normalize(String username) {
        String name = normalizeLenient(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("username: 1–64 lower-case letters, digits, '.', '_' or '-',"
                    + " starting and ending with a letter or digit.");
        }
        return name;
    }

    private static String normalizeLenient(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return name.isEmpty() ? "-" : name;
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password: at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
    }

    private char[] randomPassword(int length) {
        char[] password = new char[length];
        for (int i = 0; i < length; i++) {
            password[i] = PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length()));
        }
        return password;
    }
}
