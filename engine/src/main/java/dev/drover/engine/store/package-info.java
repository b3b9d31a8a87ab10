/**
 * The versioned resource store: Kubernetes-style objects with one global revision, optimistic
 * concurrency, paged snapshot lists, watches from a revision, and compaction. Backends live in
 * sub-packages ({@code sqlite}; etcd later) and must pass the contract suite in the test sources.
 */
package dev.drover.engine.store;
