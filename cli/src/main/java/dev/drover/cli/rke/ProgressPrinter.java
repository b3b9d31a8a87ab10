package dev.drover.cli.rke;

import dev.drover.engine.provision.rke.ProvisionEvent;
import dev.drover.engine.provision.rke.ProvisionListener;
import java.io.PrintWriter;

/**
 * Prints a run's events as RKE-style lines. Events arrive from several provisioner threads at once; one
 * lock keeps each line whole, and printing a line is fast enough to do on the caller's thread.
 */
final class ProgressPrinter implements ProvisionListener {

    private final PrintWriter out;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onEvent(ProvisionEvent event) {
        String line = switch (event) {
            case ProvisionEvent.PlaneStarted started -> "==> " + started.plane() + " plane on " + String.join(", ", started.hosts());
            case ProvisionEvent.PlaneFinished finished -> "==> " + finished.plane() + " plane done";
            case ProvisionEvent.NodeProgress progress -> "[" + progress.host() + "] " + progress.step() + ": "
                    + progress.status().name().toLowerCase(java.util.Locale.ROOT)
                    + (progress.message() == null || progress.message().isBlank() ? "" : " (" + progress.message() + ")");
            case ProvisionEvent.LogLine log -> (log.host().isEmpty() ? "" : "[" + log.host() + "] ") + log.line();
        };
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
