/**
 * The node pools page: the pools of one RKE cluster with their desired quantity and observed nodes, and
 * scaling a pool up or down. {@code NodePoolsView} + {@code NodePoolsViewModel}.
 */
package dev.drover.app.nodepools;
