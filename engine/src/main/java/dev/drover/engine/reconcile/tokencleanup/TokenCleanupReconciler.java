package dev.drover.engine.reconcile.tokencleanup;

import dev.drover.engine.auth.TokenService;
import dev.drover.engine.runtime.ReconcileResult;
import dev.drover.engine.runtime.Reconciler;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes tokens that can never authenticate again (expired, idle past their timeout, revoked).
 * One key ({@link #KEY}); must run on the leader only, every {@link #INTERVAL}.
 */
public final class TokenCleanupReconciler implements Reconciler<String> {

    public static final String NAME = "tokencleanup";
    public static final String KEY = "tokens";
    public static final Duration INTERVAL = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(TokenCleanupReconciler.class);

    private final TokenService tokens;

    public TokenCleanupReconciler(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public ReconcileResult reconcile(String key) {
        int deleted = tokens.deleteDead();
        if (deleted > 0) {
            LOG.info("Deleted {} dead tokens", deleted);
        }
        return ReconcileResult.requeueAfter(INTERVAL);
    }
}
