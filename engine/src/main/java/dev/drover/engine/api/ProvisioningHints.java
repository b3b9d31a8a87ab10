package dev.drover.engine.api;

import dev.drover.engine.provision.rke.ProvisionException;
import java.util.TreeSet;

/** What the user should fix after a failed run, in one sentence, from what the provisioner reported. */
final class ProvisioningHints {

    private ProvisioningHints() {
    }

    static String forFailure(ProvisionException failure, boolean cancelled) {
        if (cancelled) {
            return "Nothing is left half-done: provision again with the same name to resume from the last completed plane.";
        }
        String hosts = String.join(", ", new TreeSet<>(failure.failedHosts().keySet()));
        String reasons = String.join(" ", failure.failedHosts().values()) + " " + failure.getMessage();
        String resume = " then provision again with the same name: completed planes are kept.";
        if (reasons.contains("host key")) {
            return "A machine's SSH host key changed: if it was reinstalled, remove its old key as the message says;" + resume;
        }
        if (reasons.contains("Docker")) {
            return "Install Docker on " + (hosts.isEmpty() ? "the machines" : hosts) + " and let the SSH user run it;" + resume;
        }
        if (reasons.contains("not accepted") || reasons.contains("cannot connect")) {
            return "Check SSH access to " + (hosts.isEmpty() ? "the machines" : hosts) + " with Test SSH on the nodes step;" + resume;
        }
        if (!hosts.isEmpty()) {
            return "Fix what the log shows on " + hosts + ";" + resume;
        }
        return "Fix what the log shows;" + resume;
    }
}
