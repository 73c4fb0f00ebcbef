package org.mnist1d.workbench.embedding;

/**
 * Told the KL divergence as a t-SNE run goes (every {@link TsneSettings#checkpointEvery()} steps).
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = checkpoint -> {};

  /** Called on the optimising thread; keep it short. */
  void onCheckpoint(KlCheckpoint checkpoint);
}
