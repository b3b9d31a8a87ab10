package dev.drover.app;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import org.testfx.util.WaitForAsyncUtils;

/** Reads UI state on the FX thread, so tests polling from their own thread never race it. */
public final class FxQueries {

    private FxQueries() {
    }

    public static <T> T onFx(Callable<T> query) {
        try {
            return WaitForAsyncUtils.asyncFx(query).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a user could see the node: it and all its ancestors are visible and it is in a scene. */
    public static boolean isShowing(Node node) {
        return onFx(() -> {
            if (node.getScene() == null) {
                return false;
            }
            for (Node n = node; n != null; n = n.getParent()) {
                if (!n.isVisible()) {
                    return false;
                }
            }
            return true;
        });
    }
}
