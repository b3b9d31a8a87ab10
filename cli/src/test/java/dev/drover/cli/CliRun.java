package dev.drover.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Runs the real command tree in-process with captured output; {@link #with} swaps a command's hand-over point. */
public final class CliRun implements CommandLine.IFactory {

    /** What one {@code drover …} invocation did. */
    public record Result(int code, String out, String err) {
    }

    private final Map<Class<?>, Supplier<?>> overrides = new HashMap<>();

    public <T> CliRun with(Class<T> type, Supplier<? extends T> supplier) {
        overrides.put(type, supplier);
        return this;
    }

    public Result run(String... args) {
        CommandLine command = Drover.commandLine(this);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int code = command.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Supplier<?> override = overrides.get(type);
        return override != null ? type.cast(override.get()) : CommandLine.defaultFactory().create(type);
    }
}
