/**
 * The clusters page: a live table of every cluster the engine manages, fed by its watch, and the detail
 * of the selected one (conditions, nodes, live events). {@code ClusterPicker} is the cluster box the
 * per-cluster pages share.
 */
package dev.drover.app.clusters;
