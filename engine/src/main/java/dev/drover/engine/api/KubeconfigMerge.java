package dev.drover.engine.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Joins kubeconfigs built separately (one user entry each) into one, as {@code kubectl config view --flatten} would. */
final class KubeconfigMerge {

    private KubeconfigMerge() {
    }

    @SuppressWarnings("unchecked")
    static String merge(List<String> documents) {
        if (documents.size() == 1) {
            return documents.getFirst();
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        merged.put("apiVersion", "v1");
        merged.put("kind", "Config");
        List<Object> clusters = new ArrayList<>();
        List<Object> users = new ArrayList<>();
        List<Object> contexts = new ArrayList<>();
        Yaml reader = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (String document : documents) {
            Map<String, Object> config = reader.load(document);
            clusters.addAll((List<Object>) config.getOrDefault("clusters", List.of()));
            users.addAll((List<Object>) config.getOrDefault("users", List.of()));
            contexts.addAll((List<Object>) config.getOrDefault("contexts", List.of()));
        }
        merged.put("clusters", clusters);
        merged.put("users", users);
        merged.put("contexts", contexts);
        merged.put("current-context", contexts.isEmpty() ? "" : ((Map<String, Object>) contexts.getFirst()).get("name"));
        merged.put("preferences", Map.of());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(options).dump(merged);
    }
}
