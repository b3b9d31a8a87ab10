/** Keeps namespaces in line with projects: membership label, per-namespace quota, release on project deletion. */
package dev.drover.engine.reconcile.projectnamespaces;
