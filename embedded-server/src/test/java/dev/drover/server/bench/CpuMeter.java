package dev.drover.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent by this benchmark's process tree (this JVM with the server, client and target, the agent
 * JVM, ssh and sshd) between two readings, split into user and kernel: on a 2-core box it tells whether a
 * path is bound by the CPU, and whether by its own code or by the kernel's loopback TCP work. Other
 * processes on the machine are left out, so a neighbour's build does not count. Zero without {@code /proc}.
 */
record CpuMeter(long userTicks, long systemTicks) {

    private static final double TICKS_PER_SECOND = 100.0;

    static CpuMeter now() {
        long user = 0;
        long system = 0;
        for (long pid : Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .map(ProcessHandle::pid).toList()) {
            long[] ticks = ticks(pid);
            user += ticks[0];
            system += ticks[1];
        }
        return new CpuMeter(user, system);
    }

    private static long[] ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** Seconds of user and of kernel CPU (all cores) from {@code start} to this reading. */
    double[] secondsSince(CpuMeter start) {
        return new double[] {(userTicks - start.userTicks) / TICKS_PER_SECOND, (systemTicks - start.systemTicks) / TICKS_PER_SECOND};
    }
}
