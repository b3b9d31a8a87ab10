/**
 * Benchmarks of the engine's store against raw SQLite (issue #2). {@link dev.drover.bench.StoreBenchmarks}
 * runs them all and writes the report; see BENCHMARKS.md at the repository root.
 */
package dev.drover.bench;
