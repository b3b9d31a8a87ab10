package dev.drover.app.offline;

import dev.drover.engine.api.OfflineKubeconfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@link OfflineVault} over the engine's {@link OfflineKubeconfigs} (the vault of the console's data directory). */
public final class EngineOfflineVault implements OfflineVault {

    private final OfflineKubeconfigs vault;

    public EngineOfflineVault(OfflineKubeconfigs vault) {
        this.vault = vault;
    }

    @Override
    public String location() {
        return vault.location();
    }

    @Override
    public List<Entry> directContexts() throws IOException {
        return vault.directContexts().stream().map(e -> new Entry(e.name(), e.server())).toList();
    }

    @Override
    public Check test(Entry entry) {
        OfflineKubeconfigs.Check check = vault.test(new OfflineKubeconfigs.Entry(entry.name(), entry.server()));
        return new Check(check.usable(), check.detail());
    }

    @Override
    public List<Workload> workloads(Entry entry) throws IOException {
        return vault.workloads(new OfflineKubeconfigs.Entry(entry.name(), entry.server())).stream()
                .map(w -> new Workload(w.kind(), w.namespace(), w.name(), w.ready(), w.created())).toList();
    }

    @Override
    public void writeDirectOnly(Path target, List<Entry> entries) throws IOException {
        vault.writeDirectOnly(target, entries.stream().map(e -> new OfflineKubeconfigs.Entry(e.name(), e.server())).toList());
    }
}
