package dev.drover.app.workloads;

import static dev.drover.app.fx.PageParts.showWhenSet;

import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;

/** Enables the action buttons by selection and shows what the last action did or why it failed. */
final class WorkloadActionBar {

    private WorkloadActionBar() {
    }

    static void attach(WorkloadActionsViewModel actions, HBox workloadButtons, HBox podButtons, TableView<WorkloadRow> workloads,
                       TableView<WorkloadRow> pods, Label error, Label notice) {
        boolean on = actions != null;
        for (HBox bar : new HBox[] {workloadButtons, podButtons}) {
            bar.setVisible(on);
            bar.setManaged(on);
        }
        if (!on) {
            error.setVisible(false);
            error.setManaged(false);
            notice.setVisible(false);
            notice.setManaged(false);
            return;
        }
        disable(workloadButtons, workloads.getSelectionModel().selectedItemProperty().isNull().or(actions.busyProperty()));
        disable(podButtons, pods.getSelectionModel().selectedItemProperty().isNull().or(actions.busyProperty()));
        showWhenSet(error, actions.errorProperty());
        showWhenSet(notice, actions.noticeProperty());
    }

    private static void disable(HBox bar, BooleanBinding when) {
        bar.getChildren().stream().filter(Button.class::isInstance).forEach(button -> button.disableProperty().bind(when));
    }

}
