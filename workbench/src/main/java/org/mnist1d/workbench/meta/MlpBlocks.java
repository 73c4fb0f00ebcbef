package org.mnist1d.workbench.meta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * An {@link MlpLearner}'s parameter blocks {@code W1 (H x D), b1 (H), W2 (O x H), b2 (O)} as views
 * of one flat vector in the learner's (PyTorch's) layout: an in-place update of the vector shows
 * in the blocks, so a loop that updates in place makes the views once.
 */
record MlpBlocks(NDArray w1, NDArray b1, NDArray w2, NDArray b2) {

  /** Views of {@code flat} (1-d, {@code learner.size()} long). */
  static MlpBlocks viewsOf(NDArray flat, MlpLearner learner) {
    long h = learner.hidden();
    long d = learner.inputs();
    long o = learner.outputs();
    NDList p = flat.split(new long[] {h * d, h * d + h, h * d + h + o * h});
    return new MlpBlocks(p.get(0).reshape(h, d), p.get(1), p.get(2).reshape(o, h), p.get(3));
  }

  /** The four blocks, e.g. to borrow them for a step's scope. */
  NDArray[] arrays() {
    return new NDArray[] {w1, b1, w2, b2};
  }
}
