/**
 * The embedded default store: SQLite in WAL mode, laid out like kine (one append-only log table whose
 * row id is the revision), guarded by a data-directory lock.
 */
package dev.drover.engine.store.sqlite;
