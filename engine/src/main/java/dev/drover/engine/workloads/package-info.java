/** The workloads read model: compact per-cluster caches of workloads and pods, fed by informers. */
package dev.drover.engine.workloads;
