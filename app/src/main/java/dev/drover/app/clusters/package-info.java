/** The clusters page: a live table of every cluster the engine manages, fed by its watch. */
package dev.drover.app.clusters;
