package dev.drover.engine.api;

/** The workload kinds the console lists, as Kubernetes names them. */
public enum WorkloadType { DEPLOYMENT, STATEFULSET, DAEMONSET, JOB, CRONJOB, POD }
