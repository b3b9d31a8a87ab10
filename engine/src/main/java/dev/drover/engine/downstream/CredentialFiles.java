package dev.drover.engine.downstream;

import dev.drover.engine.kubeconfig.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps each direct cluster's credential as an owner-only file ({@code <directory>/<clusterId>.json},
 * 0600 in a 0700 directory), the way kubeconfigs are kept: out of the store, so a copied or backed-up
 * database carries no cluster credentials. Thread-safe: files are replaced atomically.
 */
public final class CredentialFiles implements DownstreamCredentials {

    private static final Pattern CLUSTER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path directory;

    public CredentialFiles(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<DownstreamCredential> find(String clusterId) {
        try {
            return Optional.of(JSON.readValue(Files.readString(file(clusterId)), DownstreamCredential.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credential of cluster " + clusterId + ": " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new IllegalStateException("the credential file of cluster " + clusterId + " is damaged: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void save(String clusterId, DownstreamCredential credential) {
        try {
            SecretFiles.write(file(clusterId), JSON.writeValueAsString(credential));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the credential of cluster " + clusterId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void remove(String clusterId) {
        try {
            Files.deleteIfExists(file(clusterId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the credential of cluster " + clusterId + ": " + e.getMessage(), e);
        }
    }

    /** The clusters with a credential file, e.g. to move them elsewhere; empty when the directory does not exist. */
    public List<String> clusterIds() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .filter(id -> CLUSTER_ID.matcher(id).matches())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the credential files in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Cluster ids come from the store, but a file name must never be able to leave the directory. */
    private Path file(String clusterId) {
        if (clusterId == null || !CLUSTER_ID.matcher(clusterId).matches()) {
            throw new IllegalArgumentException("not a cluster id: " + clusterId);
        }
        return directory.resolve(clusterId + ".json");
    }
}
