package dev.drover.app.users;

import dev.drover.app.fx.Failures;
import dev.drover.app.fx.FxThreads;
import dev.drover.app.users.UserRows.RoleRow;
import dev.drover.app.users.UserRows.UserRow;
import dev.drover.engine.api.ManagementApi;
import dev.drover.engine.api.NewUser;
import dev.drover.engine.api.UserSummary;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Users and role templates. The password typed for a new user travels as a {@code char[]} that is wiped
 * once the engine answered; it is never held in a String or a property. FX thread.
 */
public final class UsersViewModel {

    private final ManagementApi api;
    private final FxThreads threads;
    private final ObservableList<UserRow> users = FXCollections.observableArrayList();
    private final ObservableList<RoleRow> roles = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    public UsersViewModel(ManagementApi api, FxThreads threads) {
        this.api = api;
        this.threads = threads;
    }

    /** Reads users and role templates again. */
    public void reload() {
        when(api.listUsers(), "Cannot read the users", list -> users.setAll(list.stream().map(UsersViewModel::row).toList()));
        when(api.listRoleTemplates(), "Cannot read the role templates", list -> roles.setAll(list.stream()
                .map(t -> new RoleRow(t.id(), t.displayName(), capitalised(t.context()), t.builtin())).toList()));
    }

    private static UserRow row(UserSummary user) {
        return new UserRow(user.username(), user.displayName(), user.provider(), user.enabled(), user.admin());
    }

    private static String capitalised(String context) {
        String lower = context == null ? "" : context.toLowerCase(Locale.ROOT);
        return lower.isEmpty() ? "" : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /**
     * Creates a local user. {@code password} is wiped once the engine answered (or at once, for input
     * refused here). {@code onCreated} runs on success, so the form clears only then.
     */
    public void createUser(String username, String displayName, char[] password, boolean admin, Runnable onCreated) {
        if (username == null || username.isBlank()) {
            Arrays.fill(password, '\0');
            error.set("A user needs a user name.");
            return;
        }
        String name = username.strip();
        CompletableFuture<UserSummary> call = api.createUser(new NewUser(name, displayName == null ? "" : displayName.strip(), password, admin));
        call.whenComplete((user, failure) -> Arrays.fill(password, '\0'));
        when(call, "Cannot create " + name, user -> {
            notice.set("Created " + user.username() + (user.admin() ? ", an administrator." : "."));
            onCreated.run();
            reload();
        });
    }

    public void setEnabled(UserRow user, boolean enabled) {
        when(api.setUserEnabled(user.username(), enabled), "Cannot change " + user.username(), changed -> {
            notice.set(changed.username() + (changed.enabled() ? " can log in again." : " is disabled: logins and tokens stop working."));
            replace(row(changed));
        });
    }

    public void delete(UserRow user) {
        when(api.deleteUser(user.username()), "Cannot delete " + user.username(), done -> {
            notice.set("Deleted " + user.username() + ".");
            users.removeIf(u -> u.username().equals(user.username()));
        });
    }

    private void replace(UserRow changed) {
        for (int i = 0; i < users.size(); i++) {
            if (users.get(i).username().equals(changed.username())) {
                users.set(i, changed);
            }
        }
    }

    private <T> void when(CompletableFuture<T> call, String failing, Consumer<T> then) {
        busy.set(true);
        error.set("");
        call.whenComplete((result, failure) -> threads.fx().execute(() -> {
            busy.set(false);
            if (failure != null) {
                notice.set("");
                error.set(Failures.describe(failure, failing));
            } else {
                then.accept(result);
            }
        }));
    }

    public ObservableList<UserRow> users() {
        return users;
    }

    public ObservableList<RoleRow> roles() {
        return roles;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
