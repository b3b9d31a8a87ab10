package dev.drover.server.bench;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} and reads its summary (requests/s, latency percentiles from {@code --latency}). */
final class Wrk {

    record Result(double requestsPerSecond, double p50Millis, double p99Millis, String raw) {
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)");

    private Wrk() {
    }

    static Result run(String url, String header, int connections, int seconds) throws IOException, InterruptedException {
        int threads = Math.min(connections, 2);
        String output = ProxyBenchmark.command("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                "-H", header, url);
        Matcher rate = RATE.matcher(output);
        if (output.contains("Socket errors")) {
            System.err.println("wrk reported socket errors against " + url + ":\n" + output);
        }
        if (!rate.find() || output.contains("Non-2xx") || Double.parseDouble(rate.group(1)) == 0) {
            throw new IllegalStateException("wrk against " + url + " failed:\n" + output);
        }
        double p50 = 0;
        double p99 = 0;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double value = Double.parseDouble(percentile.group(2)) * switch (percentile.group(3)) {
                case "us" -> 0.001;
                case "ms" -> 1;
                default -> 1000;
            };
            if (percentile.group(1).equals("50")) {
                p50 = value;
            } else {
                p99 = value;
            }
        }
        return new Result(Double.parseDouble(rate.group(1)), p50, p99, output);
    }
}
