package dev.drover.engine.provision.rke.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * One authenticated SSH connection to a host; each command runs on its own channel, so several threads
 * may run commands at once (up to the server's MaxSessions, 10 for OpenSSH). Blocking: call from virtual
 * threads.
 */
public final class SshSession implements AutoCloseable {

    /** How long a command may run unless the caller says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private final SshTarget target;
    private final Session session;

    SshSession(SshTarget target, Session session) {
        this.target = target;
        this.session = session;
    }

    public SshTarget target() {
        return target;
    }

    /** The host's address, as cluster.yml names it. */
    public String address() {
        return target.address();
    }

    /** Runs {@code command} with no input. */
    public ExecResult exec(String command) throws SshException {
        return exec(command, null, DEFAULT_TIMEOUT);
    }

    /** Runs {@code command} feeding it {@code stdin} (may be null), and waits up to {@code timeout}. */
    public ExecResult exec(String command, byte[] stdin, Duration timeout) throws SshException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = stream(command, stdin == null ? null : new ByteArrayInputStream(stdin), out, err, timeout);
        return new ExecResult(command, exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code command} streaming {@code stdin} to it and its output to {@code stdout} (for files too
     * big to hold, such as etcd snapshots); returns the exit status.
     */
    public int stream(String command, InputStream stdin, OutputStream stdout, OutputStream stderr, Duration timeout) throws SshException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ChannelExec channel = null;
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(command);
            channel.setInputStream(stdin, false);
            channel.setErrStream(stderr, true);
            // JSch's session thread writes the output as it arrives; polling for the close (not a blocking
            // read) is what lets a hung command time out
            channel.setOutputStream(stdout, true);
            channel.connect((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            long pause = 200_000;
            while (!channel.isClosed()) {
                checkDeadline(deadline, command);
                LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, 20_000_000);
            }
            return channel.getExitStatus();
        } catch (JSchException e) {
            throw new SshException(target + ": cannot run `" + abbreviate(command) + "`: " + e.getMessage(), e);
        } finally {
            if (channel != null) {
                channel.disconnect();
            }
        }
    }

    private void checkDeadline(long deadline, String command) throws SshException {
        if (System.nanoTime() - deadline > 0) {
            throw new SshException(target + ": `" + abbreviate(command) + "` did not finish in time");
        }
    }

    private static String abbreviate(String command) {
        String firstLine = command.lines().findFirst().orElse("");
        return firstLine.length() > 120 ? firstLine.substring(0, 120) + "…" : firstLine;
    }

    public boolean isConnected() {
        return session.isConnected();
    }

    @Override
    public void close() {
        session.disconnect();
    }
}
