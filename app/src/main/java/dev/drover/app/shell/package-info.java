/**
 * The console's frame: sidebar of {@link dev.drover.app.shell.Section}s, the content area, the status
 * bar with the engine's mode and location, and the light/dark toggle.
 */
package dev.drover.app.shell;
