/**
 * The workloads page: workloads and pods of a cluster or project in virtualised tables that stay
 * smooth with 100,000 pods and 1,000 updates a second ({@link dev.drover.app.fx.LiveRows}), filter,
 * sort, scale, redeploy, delete, YAML, and live logs of a pod.
 */
package dev.drover.app.workloads;
