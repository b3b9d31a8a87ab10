package dev.drover.engine.api;

/** A running watch. Closing it stops delivery; closing twice is harmless. Callable from any thread. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
