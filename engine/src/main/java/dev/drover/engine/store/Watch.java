package dev.drover.engine.store;

/** A running watch. Closing stops delivery; idempotent; callable from any thread, even a listener. */
public interface Watch extends AutoCloseable {
    @Override
    void close();
}
