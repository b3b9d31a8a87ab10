package dev.drover.app.users;

/** The rows of the users page (views know no engine type). */
public final class UserRows {

    private UserRows() {
    }

    public record UserRow(String username, String displayName, String provider, boolean enabled, boolean admin) {
        public String status() {
            return enabled ? "Enabled" : "Disabled";
        }

        public String role() {
            return admin ? "Administrator" : "User";
        }
    }

    /** A role template; {@code context} "Cluster" or "Project". */
    public record RoleRow(String id, String name, String context, boolean builtin) {
    }
}
