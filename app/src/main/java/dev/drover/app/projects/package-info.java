/**
 * The projects page: projects of one cluster (create, with an optional quota), moving namespaces between
 * them, and their members (role bindings). {@code ProjectsView} + {@code ProjectsViewModel}; rows in
 * {@code ProjectRows}, in the words the page shows.
 */
package dev.drover.app.projects;
