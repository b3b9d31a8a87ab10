package dev.drover.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent between two readings of {@code /proc/stat}, split into user and
 * kernel: on a 2-core box it tells whether a path is bound by the CPU, and whether by its own code or by
 * the kernel's loopback TCP work. Zero where {@code /proc/stat} does not exist.
 */
record CpuMeter(long userTicks, long systemTicks) {

    private static final double TICKS_PER_SECOND = 100.0;

    static CpuMeter now() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long user = Long.parseLong(f[1]) + Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
            return new CpuMeter(user, system);
        } catch (IOException | RuntimeException e) {
            return new CpuMeter(0, 0);
        }
    }

    /** Seconds of user and of kernel CPU (all cores) from {@code start} to this reading. */
    double[] secondsSince(CpuMeter start) {
        return new double[] {(userTicks - start.userTicks) / TICKS_PER_SECOND, (systemTicks - start.systemTicks) / TICKS_PER_SECOND};
    }
}
