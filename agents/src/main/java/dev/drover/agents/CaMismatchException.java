package dev.drover.agents;

/** The server's CA is not the one the agent was told to trust; the agent must not go on. */
final class CaMismatchException extends RuntimeException {

    CaMismatchException(String message) {
        super(message);
    }
}
