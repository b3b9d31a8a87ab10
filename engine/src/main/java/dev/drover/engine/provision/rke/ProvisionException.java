package dev.drover.engine.provision.rke;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A provisioning run stopped. The message names the step, each host that failed and why, and (when
 * thrown by {@link RkeProvisioner}) which planes completed and where the state was saved.
 */
public final class ProvisionException extends Exception {

    private final Map<String, String> failedHosts;

    public ProvisionException(String message, Map<String, String> failedHosts, Throwable cause) {
        super(message, cause);
        this.failedHosts = Map.copyOf(failedHosts);
    }

    /** {@code doing} failed on each host of {@code failedHosts} (address → reason). */
    public static ProvisionException onHosts(String doing, Map<String, String> failedHosts, Throwable first) {
        String hosts = failedHosts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
        return new ProvisionException(doing + " failed on " + failedHosts.size() + (failedHosts.size() == 1 ? " host" : " hosts")
                + " (" + hosts + ")", failedHosts, first);
    }

    /** The same failure with {@code context} added (completed planes, state file). */
    public ProvisionException with(String context) {
        return new ProvisionException(getMessage() + ". " + context, failedHosts, getCause());
    }

    /** Address → why it failed there; empty for a failure not tied to hosts. */
    public Map<String, String> failedHosts() {
        return failedHosts;
    }

    static ProvisionException of(String message) {
        return new ProvisionException(message, Map.of(), null);
    }

    static List<String> hosts(List<RkeNode> nodes) {
        return nodes.stream().map(RkeNode::address).toList();
    }
}
