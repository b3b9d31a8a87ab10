package dev.drover.engine.provision.rke.ssh;

/**
 * What a remote command left behind.
 *
 * @param command  the command as sent
 * @param exitCode its exit status
 * @param stdout   standard output (UTF-8)
 * @param stderr   standard error (UTF-8)
 */
public record ExecResult(String command, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /**
     * This result if the command succeeded; otherwise an {@link SshException} saying what was being done,
     * on which host, the exit code and the last line of stderr (the one that usually explains).
     */
    public ExecResult orThrow(String host, String doing) throws SshException {
        if (ok()) {
            return this;
        }
        String detail = stderr.isBlank() ? stdout.strip() : stderr.strip();
        int lastLine = detail.lastIndexOf('\n');
        throw new SshException(host + ": " + doing + " failed (exit " + exitCode + ")"
                + (detail.isEmpty() ? "" : ": " + detail.substring(lastLine + 1)));
    }
}
