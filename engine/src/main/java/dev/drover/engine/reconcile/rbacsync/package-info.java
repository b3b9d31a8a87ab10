/** Turns Drover role templates and bindings into ClusterRoles, ClusterRoleBindings and RoleBindings downstream. */
package dev.drover.engine.reconcile.rbacsync;
