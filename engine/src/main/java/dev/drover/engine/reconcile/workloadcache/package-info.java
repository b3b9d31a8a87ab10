/** Starts and stops the workloads read model's informers as clusters come and go. */
package dev.drover.engine.reconcile.workloadcache;
