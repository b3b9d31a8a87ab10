/** How the engine reaches downstream clusters' API servers with its own identity. */
package dev.drover.engine.downstream;
