package dev.drover.engine.api;

/**
 * What a "Test SSH" found. Changes nothing on the machine except that its host key is recorded (trust on
 * first use; a later change of key is refused by every connection, provisioning included).
 *
 * @param reachable          the engine connected and logged in
 * @param ready              ... and the machine can run cluster components (its container runtime answers)
 * @param hostKeyFingerprint the host key as OpenSSH shows it ({@code SHA256:…}), empty when no key exchange took place
 * @param message            one sentence: what works, or what failed and what to fix
 */
public record SshTestResult(boolean reachable, boolean ready, String hostKeyFingerprint, String message) {
    public SshTestResult {
        hostKeyFingerprint = hostKeyFingerprint == null ? "" : hostKeyFingerprint;
        message = message == null ? "" : message;
    }
}
