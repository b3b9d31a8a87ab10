package dev.drover.app.connect;

import dev.drover.app.fx.Fxml;
import java.util.concurrent.CompletableFuture;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The first page: lab or remote, and for remote the server, user name and password or a token.
 * Enter connects; while connecting a spinner and Cancel show. The CA question is a dialog naming the
 * fingerprint, asked once per server.
 */
public final class ConnectView {

    private final ConnectViewModel viewModel;
    private final Runnable openOfflineVault;
    private final Parent root;

    @FXML
    private ToggleGroup mode;
    @FXML
    private RadioButton labMode;
    @FXML
    private RadioButton remoteMode;
    @FXML
    private Label labLocation;
    @FXML
    private VBox remoteForm;
    @FXML
    private ComboBox<String> server;
    @FXML
    private TextField username;
    @FXML
    private PasswordField password;
    @FXML
    private CheckBox useToken;
    @FXML
    private PasswordField token;
    @FXML
    private Button connect;
    @FXML
    private HBox progress;
    @FXML
    private ProgressIndicator spinner;
    @FXML
    private Label error;
    @FXML
    private HBox offlineBanner;
    @FXML
    private Button openOffline;

    /**
     * @param openOfflineVault what "Open offline vault" does when the server cannot be reached; {@code null}
     *                         hides the button (the banner still says why connecting failed)
     */
    public ConnectView(ConnectViewModel viewModel, Runnable openOfflineVault) {
        this.viewModel = viewModel;
        this.openOfflineVault = openOfflineVault;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        labMode.setUserData(ConnectViewModel.Mode.LAB);
        remoteMode.setUserData(ConnectViewModel.Mode.REMOTE);
        mode.selectToggle(viewModel.modeProperty().get() == ConnectViewModel.Mode.LAB ? labMode : remoteMode);
        mode.selectedToggleProperty().addListener((observable, old, toggle) -> {
            if (toggle != null) {
                viewModel.modeProperty().set((ConnectViewModel.Mode) toggle.getUserData());
            }
        });
        labLocation.setText(viewModel.labLocation());
        remoteForm.disableProperty().bind(viewModel.modeProperty().isEqualTo(ConnectViewModel.Mode.LAB));

        server.getItems().setAll(viewModel.rememberedServers().stream().map(RememberedServer::url).toList());
        server.setConverter(new StringConverter<>() {
            @Override
            public String toString(String url) {
                return url == null ? "" : url;
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        server.getEditor().textProperty().bindBidirectional(viewModel.serverUrlProperty());
        server.valueProperty().addListener((observable, old, url) -> viewModel.rememberedServers().stream()
                .filter(known -> known.url().equals(url)).findFirst().ifPresent(viewModel::fill));
        username.textProperty().bindBidirectional(viewModel.usernameProperty());
        password.textProperty().bindBidirectional(viewModel.passwordProperty());
        token.textProperty().bindBidirectional(viewModel.tokenProperty());
        useToken.selectedProperty().bindBidirectional(viewModel.useTokenProperty());
        username.disableProperty().bind(useToken.selectedProperty());
        password.disableProperty().bind(useToken.selectedProperty());
        token.disableProperty().bind(useToken.selectedProperty().not());

        connect.disableProperty().bind(viewModel.busyProperty());
        progress.visibleProperty().bind(viewModel.busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        offlineBanner.visibleProperty().bind(viewModel.unreachableProperty());
        offlineBanner.managedProperty().bind(offlineBanner.visibleProperty());
        openOffline.setVisible(openOfflineVault != null);
        openOffline.setManaged(openOfflineVault != null);

        viewModel.setConfirmFingerprint(this::confirm);
    }

    private CompletableFuture<Boolean> confirm(String fingerprint) {
        Alert question = new Alert(Alert.AlertType.CONFIRMATION);
        question.setTitle("Trust this server?");
        question.setHeaderText("Is this the fingerprint your administrator gave you?");
        question.setContentText("The server's CA has the SHA-256 fingerprint\n\n" + fingerprint
                + "\n\nTrust it only if it matches. Drover remembers it for this server.");
        ButtonType trust = new ButtonType("Trust", ButtonBar.ButtonData.OK_DONE);
        question.getButtonTypes().setAll(trust, ButtonType.CANCEL);
        question.getDialogPane().setMinWidth(560);
        question.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        question.setOnHidden(event -> answer.complete(question.getResult() == trust));
        question.show();
        return answer;
    }

    @FXML
    private void connect() {
        viewModel.connect();
    }

    @FXML
    private void cancel() {
        viewModel.cancel();
    }

    @FXML
    private void openOffline() {
        if (openOfflineVault != null) {
            openOfflineVault.run();
        }
    }
}
