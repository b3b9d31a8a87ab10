/**
 * The kubeconfig page: pick clusters and context kinds (through Drover's proxy, and/or direct ACE
 * contexts), build the kubeconfig (the engine keeps a copy in its offline vault), then save it (0600) or
 * copy it. {@code KubeconfigView} + {@code KubeconfigViewModel}.
 */
package dev.drover.app.kubeconfig;
