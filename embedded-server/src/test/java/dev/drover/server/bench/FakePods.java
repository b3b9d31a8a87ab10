package dev.drover.server.bench;

/**
 * Pod JSON as an API server sends it: metadata with labels, annotations, owner and managedFields, two
 * containers with env, probes, resources and mounts, and a full status — about what a real Deployment's
 * pod weighs. Generated on demand so the fake server holds no pod in memory.
 */
final class FakePods {

    private FakePods() {
    }

    static String name(int index) {
        return "web-7d9f8b6c4-" + String.format("%05d", index);
    }

    static String namespace(int index) {
        return "team-" + (index % 10);
    }

    static String json(String cluster, int index, long resourceVersion, long seq) {
        String name = name(index);
        String ns = namespace(index);
        String uid = String.format("%08x-%04x-4%03x-a%03x-%012x", cluster.hashCode(), index & 0xffff, index % 4096, index % 4096, (long) index * 7919);
        String ip = "10.42." + (index / 250 % 250) + "." + (index % 250 + 2);
        return """
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"%1$s","generateName":"web-7d9f8b6c4-","namespace":"%2$s",\
                "uid":"%3$s","resourceVersion":"%4$d","creationTimestamp":"2026-01-15T10:21:33Z",\
                "labels":{"app":"web","app.kubernetes.io/name":"web","app.kubernetes.io/part-of":"shop","pod-template-hash":"7d9f8b6c4",\
                "tier":"frontend","bench-seq":"%5$d"},\
                "annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-15T10:20:00Z","prometheus.io/scrape":"true",\
                "prometheus.io/port":"9090","checksum/config":"5f2b6c1e0f7d4b4f9a8e3c2d1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a"},\
                "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7d9f8b6c4","uid":"1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809",\
                "controller":true,"blockOwnerDeletion":true}],\
                "managedFields":[{"manager":"kube-controller-manager","operation":"Update","apiVersion":"v1","time":"2026-01-15T10:21:33Z",\
                "fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:generateName":{},"f:labels":{".":{},"f:app":{},"f:pod-template-hash":{},\
                "f:tier":{}},"f:ownerReferences":{".":{},"k:{\\"uid\\":\\"1b2c3d4e-5f60-4718-92a3-b4c5d6e7f809\\"}":{}}},"f:spec":{"f:containers":\
                {"k:{\\"name\\":\\"web\\"}":{".":{},"f:env":{".":{},"k:{\\"name\\":\\"PORT\\"}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},\
                "f:imagePullPolicy":{},"f:livenessProbe":{".":{},"f:httpGet":{".":{},"f:path":{},"f:port":{},"f:scheme":{}}},"f:name":{},\
                "f:ports":{".":{},"k:{\\"containerPort\\":8080,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:name":{},"f:protocol":{}}},\
                "f:readinessProbe":{".":{},"f:httpGet":{".":{},"f:path":{},"f:port":{},"f:scheme":{}}},"f:resources":{".":{},"f:limits":{".":{},\
                "f:cpu":{},"f:memory":{}},"f:requests":{".":{},"f:cpu":{},"f:memory":{}}},"f:volumeMounts":{".":{},"k:{\\"mountPath\\":\\"/etc/web\\"}":{}}}},\
                "f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},"f:securityContext":{},\
                "f:terminationGracePeriodSeconds":{},"f:volumes":{".":{},"k:{\\"name\\":\\"config\\"}":{".":{},"f:configMap":{},"f:name":{}}}}}},\
                {"manager":"kubelet","operation":"Update","apiVersion":"v1","time":"2026-01-15T10:21:41Z","fieldsType":"FieldsV1",\
                "fieldsV1":{"f:status":{"f:conditions":{"k:{\\"type\\":\\"ContainersReady\\"}":{".":{},"f:lastProbeTime":{},\
                "f:lastTransitionTime":{},"f:status":{},"f:type":{}},"k:{\\"type\\":\\"Ready\\"}":{".":{},"f:lastProbeTime":{},\
                "f:lastTransitionTime":{},"f:status":{},"f:type":{}}},"f:containerStatuses":{},"f:hostIP":{},"f:phase":{},"f:podIP":{},\
                "f:podIPs":{".":{},"k:{\\"ip\\":\\"%6$s\\"}":{".":{},"f:ip":{}}},"f:startTime":{}}},"subresource":"status"}]},\
                "spec":{"volumes":[{"name":"config","configMap":{"name":"web-config","defaultMode":420}},{"name":"kube-api-access-x7k2p",\
                "projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"name":"kube-root-ca.crt",\
                "items":[{"key":"ca.crt","path":"ca.crt"}]}},{"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1",\
                "fieldPath":"metadata.namespace"}}]}}],"defaultMode":420}}],\
                "containers":[{"name":"web","image":"registry.example.com/shop/web:2.14.3","ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],\
                "env":[{"name":"PORT","value":"8080"},{"name":"LOG_LEVEL","value":"info"},{"name":"DB_HOST","value":"db.shop.svc"},\
                {"name":"CACHE_URL","value":"redis://cache.shop.svc:6379"},{"name":"POD_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1",\
                "fieldPath":"metadata.name"}}}],"resources":{"limits":{"cpu":"500m","memory":"512Mi"},"requests":{"cpu":"100m","memory":"256Mi"}},\
                "volumeMounts":[{"name":"config","mountPath":"/etc/web"},{"name":"kube-api-access-x7k2p","readOnly":true,\
                "mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}],"livenessProbe":{"httpGet":{"path":"/healthz","port":8080,\
                "scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3},"readinessProbe":{"httpGet":\
                {"path":"/ready","port":8080,"scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":5,"successThreshold":1,"failureThreshold":3},\
                "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"},\
                {"name":"metrics","image":"registry.example.com/ops/exporter:0.9.1","ports":[{"name":"metrics","containerPort":9090,"protocol":"TCP"}],\
                "resources":{"limits":{"cpu":"50m","memory":"64Mi"},"requests":{"cpu":"10m","memory":"32Mi"}},"terminationMessagePath":\
                "/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],"restartPolicy":"Always",\
                "terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","serviceAccountName":"default","serviceAccount":"default",\
                "nodeName":"node-%7$d","securityContext":{},"schedulerName":"default-scheduler","tolerations":[{"key":\
                "node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},{"key":\
                "node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}],"priority":0,\
                "enableServiceLinks":true,"preemptionPolicy":"PreemptLowerPriority"},\
                "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True","lastProbeTime":null,\
                "lastTransitionTime":"2026-01-15T10:21:33Z"},{"type":"Ready","status":"True","lastProbeTime":null,\
                "lastTransitionTime":"2026-01-15T10:21:41Z"},{"type":"ContainersReady","status":"True","lastProbeTime":null,\
                "lastTransitionTime":"2026-01-15T10:21:41Z"},{"type":"PodScheduled","status":"True","lastProbeTime":null,\
                "lastTransitionTime":"2026-01-15T10:21:33Z"}],"hostIP":"192.168.10.%7$d","podIP":"%6$s","podIPs":[{"ip":"%6$s"}],\
                "startTime":"2026-01-15T10:21:33Z","containerStatuses":[{"name":"metrics","state":{"running":{"startedAt":\
                "2026-01-15T10:21:36Z"}},"lastState":{},"ready":true,"restartCount":0,"image":"registry.example.com/ops/exporter:0.9.1",\
                "imageID":"registry.example.com/ops/exporter@sha256:9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b",\
                "containerID":"containerd://a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90","started":true},\
                {"name":"web","state":{"running":{"startedAt":"2026-01-15T10:21:35Z"}},"lastState":{},"ready":true,"restartCount":0,\
                "image":"registry.example.com/shop/web:2.14.3","imageID":\
                "registry.example.com/shop/web@sha256:1f2e3d4c5b6a79881726354a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8",\
                "containerID":"containerd://0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0","started":true}],\
                "qosClass":"Burstable"}}""".formatted(name, ns, uid, resourceVersion, seq, ip, index % 20 + 1).replace("\n", "");
    }
}
