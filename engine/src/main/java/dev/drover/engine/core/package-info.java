/** Assembly of the engine's parts for one process: store, auth, reconcilers and their triggers. */
package dev.drover.engine.core;
