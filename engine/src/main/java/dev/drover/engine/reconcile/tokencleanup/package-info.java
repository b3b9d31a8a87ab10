/** Periodic removal of tokens that can no longer authenticate. */
package dev.drover.engine.reconcile.tokencleanup;
