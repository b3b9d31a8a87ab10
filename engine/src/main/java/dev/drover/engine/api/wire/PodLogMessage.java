package dev.drover.engine.api.wire;

import java.util.List;

/**
 * One text frame of the pod log WebSocket: {@value #LINES} (lines in order, several per frame when they come
 * fast) or {@value #END} (the log ended; {@code status} set when it failed). The server closes after END.
 */
public record PodLogMessage(String type, List<String> lines, Status status) {

    public static final String LINES = "LINES";
    public static final String END = "END";

    public static PodLogMessage lines(List<String> lines) {
        return new PodLogMessage(LINES, List.copyOf(lines), null);
    }

    public static PodLogMessage end(Status status) {
        return new PodLogMessage(END, List.of(), status);
    }
}
