/**
 * The HA store backend: the versioned store on an etcd cluster (issue #9). Objects are etcd keys under
 * one prefix, a key's mod revision is the object's revision, optimistic concurrency is a transaction
 * comparing mod revisions, and watches are etcd watches from a start revision. Passes the same contract
 * suite as SQLite except where etcd's model differs (a batch shares one revision; see
 * {@link dev.drover.engine.store.etcd.EtcdResourceStore}).
 */
package dev.drover.engine.store.etcd;
