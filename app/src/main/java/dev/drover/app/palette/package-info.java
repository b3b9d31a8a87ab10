/**
 * The command palette (Ctrl+K): one text field that jumps to any view or cluster by a fuzzy match of
 * its name. Entries are supplied by the wiring, so the palette knows no feature.
 */
package dev.drover.app.palette;
