/**
 * Console benchmark harnesses, run by {@code ./mvnw -Pbench-console -pl app -am verify -DskipTests}, never
 * by the unit-test run: pods table pulse under load vs idle, filter of 100k rows, memory, cold start.
 */
package dev.drover.app.bench;
