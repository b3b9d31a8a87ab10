/** One sub-package per reconcile concern (Rancher's naming); shared status plumbing lives here. */
package dev.drover.engine.reconcile;
