/** The {@code Connected} condition of clusters, following their agents' tunnel sessions. */
package dev.drover.engine.reconcile.clusterconnected;
