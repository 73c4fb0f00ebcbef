package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * An {@link MlpLearner}'s parameters as the forward-mode loop keeps them: {@code layer1 = [W1^T;
 * b1]} ((D+1) x H, so that {@code z = [x | 1] layer1} and its gradient {@code [x | 1]^T dz} are one
 * matmul each, with no transpose and no bias sum), {@code w2} (O x H) and {@code b2} (O). Made as
 * views of one flat vector in that layout, so an in-place update of the vector shows in the blocks
 * and the views are made once.
 */
record MlpBlocks(NDArray layer1, NDArray w2, NDArray b2) {

  /** Views of {@code flat}, a vector in this layout ({@link #layoutOf}). */
  static MlpBlocks viewsOf(NDArray flat, MlpLearner learner) {
    long h = learner.hidden();
    long d = learner.inputs();
    long o = learner.outputs();
    NDList p = flat.split(new long[] {(d + 1) * h, (d + 1) * h + o * h});
    return new MlpBlocks(p.get(0).reshape(d + 1, h), p.get(1).reshape(o, h), p.get(2));
  }

  /**
   * {@code theta} (the learner's flat layout, {@code [W1, b1, W2, b2]}) in this layout: a new
   * vector.
   */
  static NDArray layoutOf(NDArray theta, MlpLearner learner) {
    long h = learner.hidden();
    long d = learner.inputs();
    NDList p = theta.split(new long[] {h * d, h * d + h});
    // every intermediate is closed: theta lives on a long-lived manager, and this runs once per
    // outer step
    try (NDArray w1 = p.get(0).reshape(h, d);
        NDArray w1T = w1.transpose();
        NDArray w1Flat = w1T.reshape(-1)) {
      NDArray flat = NDArrays.concat(new NDList(w1Flat, p.get(1), p.get(2)));
      p.close();
      return flat;
    }
  }

  /** The three blocks, e.g. to borrow them for a step's scope. */
  NDArray[] arrays() {
    return new NDArray[] {layer1, w2, b2};
  }
}
