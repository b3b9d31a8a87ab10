/** {@code drover rke …}: RKE's verbs on the engine's provisioner facade, with progress and Ctrl-C cancellation. */
package dev.drover.cli.rke;
