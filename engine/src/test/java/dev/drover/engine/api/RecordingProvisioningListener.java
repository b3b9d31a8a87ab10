package dev.drover.engine.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps every event of a run, and notices if two were ever delivered at once (they must not be). */
final class RecordingProvisioningListener implements ProvisioningListener {

    final List<ProvisioningEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger inside = new AtomicInteger();
    volatile boolean overlapped;

    @Override
    public void onEvent(ProvisioningEvent event) {
        if (inside.incrementAndGet() > 1) {
            overlapped = true;
        }
        events.add(event);
        Thread.onSpinWait();
        inside.decrementAndGet();
    }

    <T extends ProvisioningEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    ProvisioningEvent last() {
        return events.getLast();
    }

    boolean ended() {
        return !events.isEmpty() && (last() instanceof ProvisioningEvent.Succeeded || last() instanceof ProvisioningEvent.Failed);
    }
}
