package dev.drover.engine.api;

/** A local user to create. The password is hashed by the engine; it never appears in toString. */
public record NewUser(String username, String displayName, char[] password, boolean admin) {
    @Override
    public String toString() {
        return "NewUser[" + username + ", password=<hidden>, admin=" + admin + "]";
    }
}
