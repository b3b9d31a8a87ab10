package dev.drover.app.wizard;

import dev.drover.app.fx.Fxml;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;

/**
 * Step 4: the generated cluster.yml in an editor, the check's status and its problems. Enter (or a double
 * click) on a problem puts the caret on its line.
 */
public final class ReviewStepView {

    private final ReviewStepViewModel viewModel;
    private final Parent root;

    @FXML
    private Label status;
    @FXML
    private TextArea yaml;
    @FXML
    private ListView<String> problems;

    public ReviewStepView(ReviewStepViewModel viewModel) {
        this.viewModel = viewModel;
        this.root = Fxml.load(this);
    }

    public Parent root() {
        return root;
    }

    public void focus() {
        yaml.requestFocus();
    }

    @FXML
    private void initialize() {
        yaml.textProperty().bindBidirectional(viewModel.yamlProperty());
        status.textProperty().bind(viewModel.statusProperty());
        viewModel.validProperty().addListener((observable, old, valid) -> styleStatus(valid));
        styleStatus(viewModel.validProperty().get());
        problems.setItems(viewModel.problems());
        problems.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(viewModel.problems()));
        problems.managedProperty().bind(problems.visibleProperty());
        problems.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                goToProblem();
                event.consume();
            }
        });
        problems.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2) {
                goToProblem();
            }
        });
    }

    private void styleStatus(boolean valid) {
        status.getStyleClass().removeAll("valid", "invalid");
        status.getStyleClass().add(valid ? "valid" : "invalid");
    }

    /** "Line N · …" → the caret at the start of line N of the editor. */
    private void goToProblem() {
        String problem = problems.getSelectionModel().getSelectedItem();
        if (problem == null || !problem.startsWith("Line ")) {
            return;
        }
        int line = Integer.parseInt(problem.substring(5, problem.indexOf(' ', 5)));
        String text = yaml.getText();
        int position = 0;
        for (int i = 1; i < line && position >= 0; i++) {
            position = text.indexOf('\n', position) + 1;
            if (position == 0) {
                position = text.length();
                break;
            }
        }
        yaml.requestFocus();
        yaml.positionCaret(Math.min(position, text.length()));
    }
}
