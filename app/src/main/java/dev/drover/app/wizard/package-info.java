/**
 * The guided RKE cluster wizard (issue #7): cluster → nodes (with "Test SSH") → options → review of the
 * generated cluster.yml (validated live) → provisioning with progress per plane and node, a log and Cancel.
 * {@code WizardViewModel} owns one ViewModel per step; only ViewModels call the engine.
 */
package dev.drover.app.wizard;
