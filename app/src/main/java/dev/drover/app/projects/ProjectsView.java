package dev.drover.app.projects;

import static dev.drover.app.fx.PageParts.showWhenSet;
import static dev.drover.app.fx.PageParts.textColumn;

import dev.drover.app.clusters.ClusterPicker;
import dev.drover.app.clusters.ClusterRow;
import dev.drover.app.fx.Fxml;
import dev.drover.app.fx.PageParts;
import dev.drover.app.projects.ProjectRows.MemberRow;
import dev.drover.app.projects.ProjectRows.NamespaceRow;
import dev.drover.app.projects.ProjectRows.ProjectRow;
import dev.drover.app.projects.ProjectRows.RoleRow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The projects page: the projects of the chosen cluster on the left (with "New project", an optional
 * quota), and on the right its namespaces (move one to another project) and its members (add, remove).
 */
public final class ProjectsView {

    private final ProjectsViewModel viewModel;
    private final Parent root;

    @FXML
    private ComboBox<ClusterRow> cluster;
    @FXML
    private Button newProject;
    @FXML
    private GridPane projectForm;
    @FXML
    private TextField projectName;
    @FXML
    private TextField quotaCpu;
    @FXML
    private TextField quotaMemory;
    @FXML
    private TextField quotaPods;
    @FXML
    private Label error;
    @FXML
    private Label notice;
    @FXML
    private ListView<ProjectRow> projects;
    @FXML
    private TableView<NamespaceRow> namespaces;
    @FXML
    private TableColumn<NamespaceRow, String> namespaceName;
    @FXML
    private TableColumn<NamespaceRow, String> namespaceProject;
    @FXML
    private ChoiceBox<ProjectRow> moveTarget;
    @FXML
    private Button moveNamespace;
    @FXML
    private TableView<MemberRow> members;
    @FXML
    private TableColumn<MemberRow, String> memberSubject;
    @FXML
    private TableColumn<MemberRow, String> memberKind;
    @FXML
    private TableColumn<MemberRow, String> memberRole;
    @FXML
    private TextField memberName;
    @FXML
    private CheckBox memberGroup;
    @FXML
    private ChoiceBox<RoleRow> memberRoleChoice;
    @FXML
    private Button addMember;
    @FXML
    private Button removeMember;
    @FXML
    private VBox detail;

    public ProjectsView(ProjectsViewModel viewModel) {
        this.viewModel = viewModel;
        this.root = Fxml.load(this);
        PageParts.reloadWhenShown(root, viewModel::reload);
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        ClusterPicker.bind(cluster, viewModel.clusters(), viewModel.clusterIdProperty());
        showWhenSet(error, viewModel.errorProperty());
        showWhenSet(notice, viewModel.noticeProperty());
        showForm(false);

        projects.setItems(viewModel.projects());
        projects.setCellFactory(list -> new ProjectCell());
        viewModel.selectedProperty().addListener((observable, old, project) -> {
            if (projects.getSelectionModel().getSelectedItem() != project) {
                projects.getSelectionModel().select(project);
            }
        });
        projects.getSelectionModel().selectedItemProperty().addListener((observable, old, project) -> {
            if (project != null) {
                viewModel.selectedProperty().set(project);
            }
        });
        // Replacing the list clears the list's selection even when the chosen project stays: show it again.
        viewModel.projects().addListener((ListChangeListener<ProjectRow>) change ->
                projects.getSelectionModel().select(viewModel.selectedProperty().get()));
        detail.disableProperty().bind(viewModel.selectedProperty().isNull());

        textColumn(namespaceName, NamespaceRow::name);
        textColumn(namespaceProject, row -> row.projectName().isEmpty() ? "—" : row.projectName());
        namespaces.setItems(viewModel.namespaces());
        moveTarget.setConverter(converter(ProjectRow::name));
        viewModel.projects().addListener((ListChangeListener<ProjectRow>) change -> offerTargets());
        offerTargets();
        moveNamespace.disableProperty().bind(namespaces.getSelectionModel().selectedItemProperty().isNull()
                .or(moveTarget.valueProperty().isNull()).or(viewModel.busyProperty()));

        memberSubject.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().subject()));
        memberKind.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().kind()));
        memberRole.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().role()));
        members.setItems(viewModel.members());
        memberRoleChoice.setItems(viewModel.roles());
        memberRoleChoice.setConverter(converter(RoleRow::name));
        viewModel.roles().addListener((ListChangeListener<RoleRow>) change -> {
            if (memberRoleChoice.getValue() == null && !viewModel.roles().isEmpty()) {
                memberRoleChoice.setValue(viewModel.roles().getLast());
            }
        });
        addMember.disableProperty().bind(memberName.textProperty().isEmpty().or(viewModel.busyProperty()));
        removeMember.disableProperty().bind(members.getSelectionModel().selectedItemProperty().isNull().or(viewModel.busyProperty()));
    }

    private void offerTargets() {
        List<ProjectRow> targets = new ArrayList<>(viewModel.projects());
        targets.add(ProjectRows.NONE);
        moveTarget.getItems().setAll(targets);
    }

    private static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T item) {
                return item == null ? "" : text.apply(item);
            }

            @Override
            public T fromString(String string) {
                return null;
            }
        };
    }

    private void showForm(boolean show) {
        projectForm.setVisible(show);
        projectForm.setManaged(show);
        newProject.setVisible(!show);
        newProject.setManaged(!show);
        if (show) {
            projectName.requestFocus();
        }
    }

    @FXML
    private void openForm() {
        showForm(true);
    }

    @FXML
    private void cancelForm() {
        showForm(false);
    }

    @FXML
    private void createProject() {
        viewModel.createProject(projectName.getText(), quotaCpu.getText(), quotaMemory.getText(), quotaPods.getText(), () -> {
            for (TextField field : List.of(projectName, quotaCpu, quotaMemory, quotaPods)) {
                field.clear();
            }
            showForm(false);
        });
    }

    @FXML
    private void move() {
        NamespaceRow namespace = namespaces.getSelectionModel().getSelectedItem();
        if (namespace != null && moveTarget.getValue() != null) {
            viewModel.moveNamespace(namespace, moveTarget.getValue());
        }
    }

    @FXML
    private void addMember() {
        viewModel.addMember(memberName.getText(), memberGroup.isSelected(), memberRoleChoice.getValue());
        memberName.clear();
    }

    @FXML
    private void removeMember() {
        MemberRow member = members.getSelectionModel().getSelectedItem();
        if (member != null) {
            viewModel.removeMember(member);
        }
    }

    /** A project name, its quota below in muted text. */
    private static final class ProjectCell extends ListCell<ProjectRow> {
        private final Label name = new Label();
        private final Label quota = new Label();
        private final VBox box = new VBox(2, name, quota);

        ProjectCell() {
            name.getStyleClass().add("project-name");
            quota.getStyleClass().add("muted");
        }

        @Override
        protected void updateItem(ProjectRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            name.setText(row.name());
            quota.setText(row.quota().isEmpty() ? "No quota" : row.quota());
            setGraphic(box);
        }
    }
}
