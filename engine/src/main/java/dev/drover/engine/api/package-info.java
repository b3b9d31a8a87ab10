/**
 * The console's only view of the engine: {@link dev.drover.engine.api.ManagementApi}, its records
 * and events. Nothing here exposes store, model or runtime types, so the console works the same
 * against an in-process engine and a remote server.
 */
package dev.drover.engine.api;
