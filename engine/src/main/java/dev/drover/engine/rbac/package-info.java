/** Role templates and how they turn into Kubernetes RBAC objects downstream. */
package dev.drover.engine.rbac;
