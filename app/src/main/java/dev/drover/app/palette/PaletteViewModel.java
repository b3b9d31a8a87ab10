package dev.drover.app.palette;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The palette's state: the query and the best matches among the entries the wiring supplies (views and
 * clusters). A few hundred entries are scored on each keystroke on the FX thread, well under a millisecond.
 */
public final class PaletteViewModel {

    static final int MAX_RESULTS = 12;

    private final Supplier<List<PaletteEntry>> entries;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<PaletteEntry> results = FXCollections.observableArrayList();
    private List<PaletteEntry> snapshot = List.of();

    /** @param entries every place to jump to, asked each time the palette opens; called on the FX thread */
    public PaletteViewModel(Supplier<List<PaletteEntry>> entries) {
        this.entries = entries;
        query.addListener((observable, old, text) -> search());
    }

    /** Called when the palette opens: takes a fresh list of entries and clears the query. */
    public void open() {
        snapshot = List.copyOf(entries.get());
        if (query.get().isEmpty()) {
            search();
        } else {
            query.set("");
        }
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<PaletteEntry> results() {
        return results;
    }

    /** Runs the entry's action. */
    public void choose(PaletteEntry entry) {
        if (entry != null) {
            entry.go().run();
        }
    }

    private void search() {
        record Scored(PaletteEntry entry, int score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (PaletteEntry entry : snapshot) {
            int score = FuzzyMatch.score(query.get(), entry.title());
            if (score != FuzzyMatch.NO_MATCH) {
                scored.add(new Scored(entry, score));
            }
        }
        if (!query.get().isBlank()) {
            scored.sort(Comparator.comparingInt(Scored::score).reversed());
        }
        results.setAll(scored.stream().limit(MAX_RESULTS).map(Scored::entry).toList());
    }
}
