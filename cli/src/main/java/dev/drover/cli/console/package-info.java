/** {@code drover console}: chooses lab or remote and hands over to the console's own {@code Main}. */
package dev.drover.cli.console;
