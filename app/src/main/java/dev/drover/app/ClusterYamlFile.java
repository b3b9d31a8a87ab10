package dev.drover.app;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a cluster.yml the console was asked to open (a double-click or "Open with Drover"). Every way it can
 * fail becomes one sentence for the window, since a file manager shows no terminal; whether the text is a
 * valid cluster.yml is the engine's call, made live on the wizard's review step.
 */
final class ClusterYamlFile {

    /** Far beyond any real cluster.yml; keeps a wrongly chosen file from filling the editor. */
    static final long MAX_BYTES = 1 << 20;

    private ClusterYamlFile() {
    }

    /** The file's text; slow (disk), so never on the FX thread. */
    static String read(Path file) {
        String cannot = "Cannot open " + file + ": ";
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(cannot + "it is a folder, not a cluster.yml.");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(cannot + "at " + size / 1024 + " KiB it is too large for a cluster.yml.");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                throw new IllegalArgumentException(cannot + "it is empty.");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(cannot + "there is no such file.");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(cannot + "permission denied.");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(cannot + "it is not a text (UTF-8) file.");
        } catch (IOException e) {
            throw new IllegalArgumentException(cannot + e.getMessage() + ".");
        }
    }
}
