package dev.drover.app.shell;

import javafx.scene.control.ListCell;
import org.kordamp.ikonli.javafx.FontIcon;

/** One sidebar entry: icon and title, with a stable id ({@code nav-clusters}) for tests and CSS. */
final class SidebarCell extends ListCell<Section> {

    @Override
    protected void updateItem(Section section, boolean empty) {
        super.updateItem(section, empty);
        if (empty || section == null) {
            setId(null);
            setText(null);
            setGraphic(null);
        } else {
            setId("nav-" + section.slug());
            setText(section.title());
            setGraphic(new FontIcon(section.icon()));
        }
    }
}
