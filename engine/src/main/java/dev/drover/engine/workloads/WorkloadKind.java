package dev.drover.engine.workloads;

/** The workload kinds the console lists, as Kubernetes names them. */
public enum WorkloadKind { DEPLOYMENT, STATEFULSET, DAEMONSET, JOB, CRONJOB, POD }
