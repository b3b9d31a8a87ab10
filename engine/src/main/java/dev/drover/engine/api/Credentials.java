package dev.drover.engine.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * Who the console is, for {@link RemoteManagementApi#connect}: a user name and password for one of the
 * server's login providers, or an API token obtained earlier.
 */
public final class Credentials {

    private final String provider;
    private final String username;
    private final char[] password;
    private final String token;

    private Credentials(String provider, String username, char[] password, String token) {
        this.provider = provider;
        this.username = username;
        this.password = password;
        this.token = token;
    }

    /** A local user of the server. The password array is copied; clear yours when done. */
    public static Credentials password(String username, char[] password) {
        return password("local", username, password);
    }

    /** A user of a login provider the server is configured with, e.g. {@code ldap}. */
    public static Credentials password(String provider, String username, char[] password) {
        return new Credentials(Objects.requireNonNull(provider, "provider"), Objects.requireNonNull(username, "username"),
                Arrays.copyOf(Objects.requireNonNull(password, "password"), password.length), null);
    }

    /** A token ({@code token-xxxxx:secret}) from an earlier login or issued for automation. */
    public static Credentials token(String token) {
        return new Credentials(null, null, null, Objects.requireNonNull(token, "token").strip());
    }

    String provider() {
        return provider;
    }

    String username() {
        return username;
    }

    char[] passwordCopy() {
        return password == null ? null : Arrays.copyOf(password, password.length);
    }

    String token() {
        return token;
    }

    @Override
    public String toString() {
        return token != null ? "Credentials[token=<hidden>]" : "Credentials[" + provider + ":" + username + ", password=<hidden>]";
    }
}
