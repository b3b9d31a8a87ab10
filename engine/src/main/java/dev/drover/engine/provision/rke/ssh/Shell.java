package dev.drover.engine.provision.rke.ssh;

import java.util.List;
import java.util.stream.Collectors;

/** POSIX shell quoting for commands sent over SSH, where the remote login shell parses them again. */
public final class Shell {

    private Shell() {
    }

    /** {@code word} as one shell word; plain words stay readable, anything else is single-quoted. */
    public static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=,@%+".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /** The words quoted and joined by spaces. */
    public static String join(List<String> words) {
        return words.stream().map(Shell::quote).collect(Collectors.joining(" "));
    }
}
