package dev.drover.engine.workloads;

/**
 * Hears about workload changes in the read model. Called on informer threads; must return quickly
 * (the console's FX bridge batches them).
 */
public interface WorkloadListener {

    void changed(Workload workload);

    void deleted(Workload workload);
}
