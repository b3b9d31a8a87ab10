/**
 * Shared JavaFX plumbing: the threads ViewModels use ({@link dev.drover.app.fx.FxThreads}), the bridge
 * that batches engine events onto the FX thread ({@link dev.drover.app.fx.FxEventBatcher}), loading a
 * view's FXML and CSS by class name ({@link dev.drover.app.fx.Fxml}), themes and small components.
 */
package dev.drover.app.fx;
