package dev.drover.engine.provision.rke.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import dev.drover.engine.kubeconfig.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drover's own known_hosts file (OpenSSH format, unhashed, owner-only): a host's key is recorded the
 * first time Drover connects to it and must match on every later connection. A changed key is refused;
 * {@link #lastRejection} keeps both fingerprints so the caller can say exactly what changed.
 *
 * <p>Thread-safe: connections to many hosts check keys concurrently; the file is rewritten atomically
 * under this object's lock, so a crash never leaves half a line.
 */
public final class KnownHosts implements HostKeyRepository {

    private final Path file;
    private final Map<String, List<Entry>> keys = new LinkedHashMap<>();
    private final Map<String, String> rejections = new ConcurrentHashMap<>();

    /** One recorded key: its type name and base64 blob, as in an OpenSSH known_hosts line. */
    private record Entry(String type, String key) {
    }

    private KnownHosts(Path file) {
        this.file = file;
    }

    /** Opens (or starts) the file; unreadable lines are an error naming the line, never silently dropped. */
    public static KnownHosts open(Path file) throws IOException {
        KnownHosts knownHosts = new KnownHosts(file);
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\\s+");
                if (fields.length < 3 || fields[0].startsWith("|")) {
                    throw new IOException(file + " line " + (i + 1) + " is not an unhashed \"host type key\" line; fix or remove it");
                }
                for (String host : fields[0].split(",")) {
                    knownHosts.keys.computeIfAbsent(host, h -> new ArrayList<>()).add(new Entry(fields[1], fields[2]));
                }
            }
        }
        return knownHosts;
    }

    public Path file() {
        return file;
    }

    /** The recorded {@code type base64} of {@code host}, if any. */
    public synchronized Optional<String> recorded(String host) {
        List<Entry> entries = keys.get(host);
        return entries == null ? Optional.empty() : Optional.of(entries.getFirst().type() + " " + entries.getFirst().key());
    }

    /**
     * Called by JSch during key exchange. Unknown host: record the key and accept it (trust on first
     * use). Known host: accept only a recorded key.
     */
    @Override
    public synchronized int check(String host, byte[] key) {
        String offered = Base64.getEncoder().encodeToString(key);
        String type = keyType(key);
        List<Entry> entries = keys.get(host);
        if (entries == null) {
            keys.put(host, new ArrayList<>(List.of(new Entry(type, offered))));
            save();
            return OK;
        }
        for (Entry entry : entries) {
            if (entry.key().equals(offered)) {
                return OK;
            }
        }
        Entry was = entries.getFirst();
        rejections.put(host, "recorded " + fingerprint(Base64.getDecoder().decode(was.key())) + " (" + was.type() + "), offered "
                + fingerprint(key) + " (" + type + ")");
        return CHANGED;
    }

    /** Why the last connection to {@code host} was refused, if it was. */
    public String lastRejection(String host) {
        return rejections.getOrDefault(host, "the offered key differs from the recorded one");
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // keys are recorded by check() on first use; JSch only calls this when it skips the check
    }

    @Override
    public synchronized void remove(String host, String type) {
        if (keys.remove(host) != null) {
            save();
        }
    }

    @Override
    public synchronized void remove(String host, String type, byte[] key) {
        remove(host, type);
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return file.toString();
    }

    @Override
    public synchronized HostKey[] getHostKey() {
        List<HostKey> all = new ArrayList<>();
        keys.keySet().forEach(host -> all.addAll(List.of(getHostKey(host, null))));
        return all.toArray(HostKey[]::new);
    }

    /** JSch asks this to prefer, in the key exchange, the key types already recorded for the host. */
    @Override
    public synchronized HostKey[] getHostKey(String host, String type) {
        List<HostKey> found = new ArrayList<>();
        for (Entry entry : keys.getOrDefault(host, List.of())) {
            if (type == null || type.equals(entry.type())) {
                try {
                    found.add(new HostKey(host, Base64.getDecoder().decode(entry.key())));
                } catch (JSchException e) {
                    // a key type this JSch cannot parse cannot be offered either; the check still refuses others
                }
            }
        }
        return found.toArray(HostKey[]::new);
    }

    /** OpenSSH's fingerprint: {@code SHA256:} and the unpadded base64 of the key blob's digest. */
    public static String fingerprint(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key blob starts with its type as an SSH string (4-byte length, then the name). */
    private static String keyType(byte[] key) {
        if (key.length < 4) {
            return "unknown";
        }
        int length = (key[0] & 255) << 24 | (key[1] & 255) << 16 | (key[2] & 255) << 8 | (key[3] & 255);
        return length > 0 && length <= key.length - 4 ? new String(key, 4, length, StandardCharsets.US_ASCII) : "unknown";
    }

    private void save() {
        StringBuilder text = new StringBuilder();
        keys.forEach((host, entries) -> entries.forEach(e -> text.append(host).append(' ').append(e.type()).append(' ').append(e.key()).append('\n')));
        try {
            SecretFiles.write(file, text.toString());
        } catch (IOException e) {
            // JSch's callback cannot throw checked exceptions; the connector unwraps this into an SshException
            throw new UncheckedIOException("cannot record a host key in " + file + ": " + e.getMessage(), e);
        }
    }
}
