package dev.drover.app.workloads;

import javafx.collections.ListChangeListener;
import javafx.scene.control.ChoiceBox;
import javafx.util.StringConverter;

/**
 * The project box beside the cluster box of the workloads page: bound to {@link WorkloadsViewModel#projects()} and
 * {@link WorkloadsViewModel#projectProperty()}, disabled while "All clusters" is chosen (a project lives in one cluster).
 * Its own class so that {@link WorkloadsView} stays a page of tables.
 */
final class ProjectPicker {

    private ProjectPicker() {
    }

    static void attach(ChoiceBox<WorkloadsViewModel.ProjectScope> box, WorkloadsViewModel viewModel) {
        box.setItems(viewModel.projects());
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(WorkloadsViewModel.ProjectScope choice) {
                return choice == null ? "" : choice.label();
            }

            @Override
            public WorkloadsViewModel.ProjectScope fromString(String text) {
                return null;
            }
        });
        box.setValue(WorkloadsViewModel.ProjectScope.ALL);
        box.disableProperty().bind(viewModel.scopeProperty().isEmpty());
        box.valueProperty().addListener((observable, old, choice) -> {
            if (choice != null) {
                viewModel.projectProperty().set(choice.projectId());
            }
        });
        // Replacing the choices clears the box's value; show the project that still holds.
        Runnable show = () -> viewModel.projects().stream()
                .filter(choice -> choice.projectId().equals(viewModel.projectProperty().get()))
                .findFirst().ifPresent(box::setValue);
        viewModel.projectProperty().addListener((observable, old, id) -> show.run());
        viewModel.projects().addListener((ListChangeListener<WorkloadsViewModel.ProjectScope>) change -> show.run());
    }
}
