package dev.drover.app.palette;

import java.util.Objects;

/**
 * One place the palette can jump to.
 *
 * @param title  what is matched and shown, e.g. a cluster's name
 * @param detail the kind of place, shown muted on the right ("View", "Cluster")
 * @param go     runs on the FX thread when the entry is chosen
 */
public record PaletteEntry(String title, String detail, Runnable go) {
    public PaletteEntry {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(go, "go");
    }
}
