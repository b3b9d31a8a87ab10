package dev.drover.app.bench;

import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

/**
 * Records, for every FX pulse, the interval since the previous one (what a user sees as smoothness:
 * 16.7 ms at 60 Hz, more when the FX thread was busy — batches, layout, CSS) and the pulse's own
 * animation-to-end-of-layout time. An AnimationTimer keeps pulses coming even when nothing changes.
 * FX thread only.
 */
final class Pulses {

    private final long[] intervals = new long[200_000];
    private final long[] work = new long[200_000];
    private int intervalCount;
    private int workCount;
    private long lastStart;
    private long pulseStart;
    private boolean recording;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long start = System.nanoTime();
            if (recording && lastStart != 0 && intervalCount < intervals.length) {
                intervals[intervalCount++] = start - lastStart;
            }
            lastStart = start;
            pulseStart = start;
        }
    };

    Pulses(Scene scene) {
        scene.addPostLayoutPulseListener(() -> {
            if (recording && pulseStart != 0 && workCount < work.length) {
                work[workCount++] = System.nanoTime() - pulseStart;
            }
            pulseStart = 0;
        });
        timer.start();
    }

    void record() {
        intervalCount = 0;
        workCount = 0;
        lastStart = 0;
        recording = true;
    }

    Result stop() {
        recording = false;
        return new Result(intervalCount, Percentile.ms(intervals, intervalCount, 50), Percentile.ms(intervals, intervalCount, 99),
                Percentile.ms(intervals, intervalCount, 100), Percentile.ms(work, workCount, 50), Percentile.ms(work, workCount, 99));
    }

    record Result(int pulses, double intervalP50, double intervalP99, double intervalMax, double workP50, double workP99) {
    }
}
