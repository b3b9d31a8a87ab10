package dev.drover.app.wizard;

import dev.drover.app.fx.Fxml;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Step 2: one row per machine (address, port, user, key, roles, Test SSH, remove) with the test's result
 * under it. Rows are built once per {@link NodeEntry} and kept while it lives, so focus and bindings survive
 * adding or removing others; every row uses the same column widths as the header, so columns line up.
 */
public final class NodesStepView {

    private static final double[] WIDTHS = {160, 64, 100, 180, 300, 96, 36};

    private final NodesStepViewModel viewModel;
    private final Parent root;
    private final Map<NodeEntry, Row> built = new HashMap<>();

    @FXML
    private HBox header;
    @FXML
    private VBox rows;

    /** The controls of one machine. */
    private record Row(VBox box, TextField address) {
    }

    public NodesStepView(NodesStepViewModel viewModel) {
        this.viewModel = viewModel;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    public void focus() {
        if (!viewModel.nodes().isEmpty()) {
            row(viewModel.nodes().getFirst()).address().requestFocus();
        }
    }

    @FXML
    private void initialize() {
        String[] titles = {"Address", "Port", "User", "SSH key", "Roles", "", ""};
        for (int i = 0; i < titles.length; i++) {
            Label title = new Label(titles[i]);
            header.getChildren().add(sized(title, i));
        }
        viewModel.nodes().addListener((ListChangeListener<NodeEntry>) change -> layout());
        layout();
    }

    private void layout() {
        built.keySet().retainAll(viewModel.nodes());
        rows.getChildren().setAll(viewModel.nodes().stream().map(entry -> (Node) row(entry).box()).toList());
    }

    @FXML
    private void addNode() {
        NodeEntry entry = viewModel.addNode();
        row(entry).address().requestFocus();
    }

    private Row row(NodeEntry entry) {
        return built.computeIfAbsent(entry, this::build);
    }

    private Row build(NodeEntry entry) {
        TextField address = field(entry.addressProperty(), "10.0.0.11");
        TextField port = field(entry.portProperty(), "22");
        TextField user = field(entry.userProperty(), "ubuntu");
        TextField key = field(entry.keyPathProperty(), "~/.ssh/id_rsa");
        CheckBox etcd = role("etcd", entry.etcdProperty());
        CheckBox controlplane = role("control plane", entry.controlplaneProperty());
        CheckBox worker = role("worker", entry.workerProperty());
        HBox roles = new HBox(etcd, controlplane, worker);
        roles.getStyleClass().add("node-roles");
        Button test = new Button("Test SSH");
        test.getStyleClass().add("test-ssh");
        test.disableProperty().bind(entry.testStateProperty().isEqualTo(NodeEntry.TestState.TESTING));
        test.setOnAction(event -> viewModel.testSsh(entry));
        Button remove = new Button(null, new FontIcon("fth-x"));
        remove.getStyleClass().addAll("flat", "remove-node");
        remove.setTooltip(new Tooltip("Remove this machine"));
        remove.setOnAction(event -> viewModel.removeNode(entry));
        HBox line = new HBox(sized(address, 0), sized(port, 1), sized(user, 2), sized(key, 3), sized(roles, 4), sized(test, 5), sized(remove, 6));
        line.getStyleClass().add("node-line");

        Label result = new Label();
        result.getStyleClass().add("ssh-result");
        result.setWrapText(true);
        result.textProperty().bind(entry.testMessageProperty());
        result.visibleProperty().bind(entry.testMessageProperty().isNotEmpty());
        result.managedProperty().bind(result.visibleProperty());
        entry.testStateProperty().addListener((observable, old, state) -> styleResult(result, state));
        styleResult(result, entry.testStateProperty().get());
        VBox box = new VBox(line, result);
        box.getStyleClass().add("node-row");
        box.accessibleTextProperty().bind(Bindings.concat("Node ", entry.addressProperty()));
        return new Row(box, address);
    }

    private static void styleResult(Label result, NodeEntry.TestState state) {
        result.getStyleClass().removeAll("ready", "reachable", "failed", "testing");
        switch (state) {
            case READY -> result.getStyleClass().add("ready");
            case REACHABLE -> result.getStyleClass().add("reachable");
            case FAILED -> result.getStyleClass().add("failed");
            case TESTING -> result.getStyleClass().add("testing");
            case UNTESTED -> { }
        }
    }

    private static TextField field(javafx.beans.property.StringProperty property, String prompt) {
        TextField field = new TextField();
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static CheckBox role(String text, javafx.beans.property.BooleanProperty property) {
        CheckBox box = new CheckBox(text);
        box.setMinWidth(Region.USE_PREF_SIZE);
        box.selectedProperty().bindBidirectional(property);
        return box;
    }

    private static Node sized(Region node, int column) {
        node.setMinWidth(WIDTHS[column]);
        node.setPrefWidth(WIDTHS[column]);
        node.setMaxWidth(WIDTHS[column]);
        HBox.setHgrow(node, Priority.NEVER);
        return node;
    }
}
