/**
 * Entry points of the console: {@link dev.drover.app.Main} parses the command line and
 * {@link dev.drover.app.ConsoleApp} wires engine, ViewModels and views together, in one place.
 */
package dev.drover.app;
