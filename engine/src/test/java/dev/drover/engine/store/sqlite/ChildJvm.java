package dev.drover.engine.store.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the test sources in a fresh JVM: the "other Drover process" of a test. */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * A process builder for {@code mainClass}, on this JVM's java binary and class path. SQLite's
     * native library is unpacked into {@code scratch}, because a SIGKILLed child never deletes it.
     */
    static ProcessBuilder of(Class<?> mainClass, Path scratch, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        // Short-lived children: start fast rather than run fast.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Dorg.sqlite.tmpdir=" + scratch);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
