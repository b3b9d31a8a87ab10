package dev.drover.engine.reconcile.kubeapiauth;

import dev.drover.engine.downstream.ClusterUnreachableException;
import dev.drover.engine.downstream.DownstreamClients;
import dev.drover.engine.downstream.Managed;
import dev.drover.engine.model.Token;
import dev.drover.engine.model.User;
import dev.drover.engine.runtime.ReconcileResult;
import dev.drover.engine.runtime.Reconciler;
import dev.drover.engine.store.JsonCodec;
import dev.drover.engine.store.ListRequest;
import dev.drover.engine.store.ResourceStore;
import dev.drover.tunnel.protocol.kubeapiauth.TokenRecord;
import dev.drover.tunnel.protocol.kubeapiauth.TokenRecords;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes the cluster's copy of the token records match the store (key: cluster id): every enabled,
 * unexpired token of an enabled user that is not scoped to another cluster, as salt and hash only. A token
 * with an idle timeout is synced with its idle deadline as of its last use as its expiry, since the
 * webhook cannot record use. The Secret is written only when its content changes.
 */
public final class KubeApiAuthReconciler implements Reconciler<String> {

    public static final String NAME = "kubeapiauth";

    private static final Duration UNREACHABLE_RETRY = Duration.ofSeconds(30);

    private final ResourceStore store;
    private final DownstreamClients clients;
    private final Clock clock;
    private final JsonCodec<Token> tokens = new JsonCodec<>(Token.class);
    private final JsonCodec<User> users = new JsonCodec<>(User.class);

    public KubeApiAuthReconciler(ResourceStore store, DownstreamClients clients, Clock clock) {
        this.store = store;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public ReconcileResult reconcile(String clusterId) {
        String json = records(clusterId).encode();
        KubernetesClient client;
        try {
            client = clients.forCluster(clusterId);
        } catch (ClusterUnreachableException e) {
            // records wait for the cluster; a change of its state brings it back sooner
            return ReconcileResult.requeueAfter(UNREACHABLE_RETRY);
        }
        Secret existing = client.secrets().inNamespace(TokenRecords.NAMESPACE).withName(TokenRecords.SECRET_NAME).get();
        String encoded = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        if (existing != null && existing.getData() != null && encoded.equals(existing.getData().get(TokenRecords.DATA_KEY))) {
            return ReconcileResult.done();
        }
        if (client.namespaces().withName(TokenRecords.NAMESPACE).get() == null) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(TokenRecords.NAMESPACE)
                    .withLabels(Managed.labels(NAME)).endMetadata().build()).createOr(NonDeletingOperation::update);
        }
        Secret secret = new SecretBuilder().withNewMetadata().withName(TokenRecords.SECRET_NAME).withNamespace(TokenRecords.NAMESPACE)
                .withLabels(Managed.labels(NAME)).endMetadata().withType("Opaque")
                .withData(Map.of(TokenRecords.DATA_KEY, encoded)).build();
        client.secrets().inNamespace(TokenRecords.NAMESPACE).resource(secret).createOr(NonDeletingOperation::update);
        return ReconcileResult.done();
    }

    /** The records kube-api-auth of {@code clusterId} should hold now. */
    TokenRecords records(String clusterId) {
        Instant now = clock.instant();
        Set<String> enabledUsers = store.list(ListRequest.all(User.KIND)).items().stream().map(users::decode)
                .filter(User::enabled).map(User::username).collect(Collectors.toSet());
        List<TokenRecord> records = store.list(ListRequest.all(Token.KIND)).items().stream().map(tokens::decode)
                .filter(Token::enabled)
                .filter(t -> !t.isClusterScoped() || t.clusterId().equals(clusterId))
                .filter(t -> enabledUsers.contains(t.username()))
                .map(t -> toRecord(t, now))
                .flatMap(Optional::stream)
                .toList();
        return new TokenRecords(records);
    }

    private static Optional<TokenRecord> toRecord(Token token, Instant now) {
        Instant idleDeadline = token.idleTimeout() == null ? null : token.lastUsedAt().plus(token.idleTimeout());
        Instant end = earliest(token.expiresAt(), idleDeadline);
        if (end != null && !now.isBefore(end)) {
            return Optional.empty();
        }
        return Optional.of(new TokenRecord(token.id(), token.salt(), token.secretHash(), token.username(), token.groups(),
                end == null ? 0 : end.getEpochSecond()));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
