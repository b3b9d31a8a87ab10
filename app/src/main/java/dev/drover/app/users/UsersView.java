package dev.drover.app.users;

import static dev.drover.app.fx.PageParts.showWhenSet;
import static dev.drover.app.fx.PageParts.textColumn;

import dev.drover.app.fx.Fxml;
import dev.drover.app.fx.PageParts;
import dev.drover.app.users.UserRows.RoleRow;
import dev.drover.app.users.UserRows.UserRow;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;

/**
 * The users page: the users table (enable or disable the selected one, delete it after a confirmation
 * that names it; Delete on the table does the same), "New user" with a password field, and the role
 * templates.
 */
public final class UsersView {

    private final UsersViewModel viewModel;
    private final Parent root;
    private String lastSelected = "";

    @FXML
    private Button newUser;
    @FXML
    private GridPane userForm;
    @FXML
    private TextField username;
    @FXML
    private TextField displayName;
    @FXML
    private PasswordField password;
    @FXML
    private CheckBox admin;
    @FXML
    private Label error;
    @FXML
    private Label notice;
    @FXML
    private TableView<UserRow> users;
    @FXML
    private TableColumn<UserRow, String> userName;
    @FXML
    private TableColumn<UserRow, String> userDisplayName;
    @FXML
    private TableColumn<UserRow, String> userProvider;
    @FXML
    private TableColumn<UserRow, String> userRole;
    @FXML
    private TableColumn<UserRow, String> userStatus;
    @FXML
    private Button toggleEnabled;
    @FXML
    private Button deleteUser;
    @FXML
    private TableView<RoleRow> roles;
    @FXML
    private TableColumn<RoleRow, String> roleName;
    @FXML
    private TableColumn<RoleRow, String> roleId;
    @FXML
    private TableColumn<RoleRow, String> roleContext;
    @FXML
    private TableColumn<RoleRow, String> roleBuiltin;

    public UsersView(UsersViewModel viewModel) {
        this.viewModel = viewModel;
        this.root = Fxml.load(this);
        PageParts.reloadWhenShown(root, viewModel::reload);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        showWhenSet(error, viewModel.errorProperty());
        showWhenSet(notice, viewModel.noticeProperty());
        showForm(false);
        textColumn(userName, UserRow::username);
        textColumn(userDisplayName, UserRow::displayName);
        textColumn(userProvider, UserRow::provider);
        textColumn(userRole, UserRow::role);
        textColumn(userStatus, UserRow::status);
        userStatus.setCellFactory(column -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String status, boolean empty) {
                super.updateItem(status, empty);
                setText(empty ? null : status);
                getStyleClass().removeAll("state-good", "state-bad");
                if (!empty && status != null) {
                    getStyleClass().add("Enabled".equals(status) ? "state-good" : "state-bad");
                }
            }
        });
        users.setItems(viewModel.users());
        var selected = users.getSelectionModel().selectedItemProperty();
        toggleEnabled.disableProperty().bind(selected.isNull().or(viewModel.busyProperty()));
        deleteUser.disableProperty().bind(selected.isNull().or(viewModel.busyProperty()));
        // A changed user's row is replaced, which clears the table's selection: select it again.
        selected.addListener((observable, old, user) -> {
            if (user != null) {
                lastSelected = user.username();
            }
        });
        viewModel.users().addListener((javafx.collections.ListChangeListener<UserRow>) change -> {
            if (users.getSelectionModel().isEmpty()) {
                viewModel.users().stream().filter(user -> user.username().equals(lastSelected)).findFirst()
                        .ifPresent(user -> users.getSelectionModel().select(user));
            }
        });
        toggleEnabled.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> current() != null && !current().enabled() ? "Enable" : "Disable", selected, viewModel.users()));

        textColumn(roleName, RoleRow::name);
        textColumn(roleId, RoleRow::id);
        textColumn(roleContext, RoleRow::context);
        textColumn(roleBuiltin, role -> role.builtin() ? "Built-in" : "Custom");
        roles.setItems(viewModel.roles());
        users.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.DELETE) {
                delete();
                event.consume();
            }
        });
    }

    private void showForm(boolean show) {
        userForm.setVisible(show);
        userForm.setManaged(show);
        newUser.setVisible(!show);
        newUser.setManaged(!show);
        if (show) {
            username.requestFocus();
        }
    }

    @FXML
    private void openForm() {
        showForm(true);
    }

    @FXML
    private void cancelForm() {
        password.clear();
        showForm(false);
    }

    @FXML
    private void createUser() {
        // The field's characters go straight into a char[] the ViewModel wipes; no String is made of them.
        CharSequence typed = password.getCharacters();
        char[] secret = new char[typed.length()];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = typed.charAt(i);
        }
        viewModel.createUser(username.getText(), displayName.getText(), secret, admin.isSelected(), () -> {
            username.clear();
            displayName.clear();
            password.clear();
            admin.setSelected(false);
            showForm(false);
        });
    }

    /** The selected user as the list holds it now. */
    private UserRow current() {
        UserRow selected = users.getSelectionModel().getSelectedItem();
        return selected == null ? null : viewModel.users().stream()
                .filter(user -> user.username().equals(selected.username())).findFirst().orElse(null);
    }

    @FXML
    private void toggleEnabled() {
        UserRow user = current();
        if (user != null) {
            viewModel.setEnabled(user, !user.enabled());
        }
    }

    @FXML
    private void delete() {
        UserRow user = users.getSelectionModel().getSelectedItem();
        if (user == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.setTitle("Delete user");
        confirm.setHeaderText("Delete " + user.username() + "?");
        confirm.setContentText("Their API tokens and role bindings go with them. This cannot be undone.");
        ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        confirm.getButtonTypes().setAll(ButtonType.CANCEL, delete);
        ((Button) confirm.getDialogPane().lookupButton(delete)).setDefaultButton(false);
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        confirm.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        confirm.showAndWait().filter(delete::equals).ifPresent(yes -> viewModel.delete(user));
    }
}
