package dev.drover.app.settings;

import dev.drover.app.connect.RememberedServer;
import dev.drover.app.fx.Fxml;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;

/** The settings page: theme radio buttons and the remembered servers with "Forget". */
public final class SettingsView {

    private final SettingsViewModel viewModel;
    private final Parent root;

    @FXML
    private ToggleGroup themeGroup;
    @FXML
    private RadioButton themeSystem;
    @FXML
    private RadioButton themeLight;
    @FXML
    private RadioButton themeDark;
    @FXML
    private ListView<RememberedServer> servers;
    @FXML
    private Button forgetServer;

    public SettingsView(SettingsViewModel viewModel) {
        this.viewModel = viewModel;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        themeSystem.setUserData(SettingsViewModel.ThemeChoice.SYSTEM);
        themeLight.setUserData(SettingsViewModel.ThemeChoice.LIGHT);
        themeDark.setUserData(SettingsViewModel.ThemeChoice.DARK);
        select(viewModel.themeProperty().get());
        viewModel.themeProperty().addListener((observable, old, choice) -> select(choice));
        themeGroup.selectedToggleProperty().addListener((observable, old, toggle) -> {
            if (toggle != null) {
                viewModel.themeProperty().set((SettingsViewModel.ThemeChoice) toggle.getUserData());
            }
        });
        servers.setItems(viewModel.servers());
        servers.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(RememberedServer server, boolean empty) {
                super.updateItem(server, empty);
                setText(empty || server == null ? null
                        : server.url() + (server.username().isEmpty() ? "" : "  ·  " + server.username()));
            }
        });
        forgetServer.disableProperty().bind(servers.getSelectionModel().selectedItemProperty().isNull());
    }

    private void select(SettingsViewModel.ThemeChoice choice) {
        themeGroup.getToggles().stream().filter(toggle -> toggle.getUserData() == choice).findFirst()
                .ifPresent(themeGroup::selectToggle);
    }

    @FXML
    private void forget() {
        viewModel.forget(servers.getSelectionModel().getSelectedItem());
    }
}
