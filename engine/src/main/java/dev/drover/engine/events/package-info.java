/**
 * Kubernetes-style events per cluster: what the engine saw happen (condition changes, agents coming and
 * going) and what users did, de-duplicated with a count and kept to a bounded number per cluster.
 */
package dev.drover.engine.events;
