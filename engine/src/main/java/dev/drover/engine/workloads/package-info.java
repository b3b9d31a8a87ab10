/**
 * The workloads read model (compact per-cluster caches of workloads and pods, fed by informers) and the
 * console's actions on them ({@link dev.drover.engine.workloads.WorkloadActions}, {@link dev.drover.engine.workloads.PodLogStream}),
 * which run downstream impersonating the acting user.
 */
package dev.drover.engine.workloads;
