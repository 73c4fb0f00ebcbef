package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;

/**
 * One mini-batch in the form the explicit cross-entropy gradient wants: inputs {@code x} (B x D),
 * {@code negTargets} = -onehot(y)/B (B x O) and {@code invSize} = 1/B (0-d).
 *
 * <p>Then loss = sum(logSoftmax(logits) * negTargets) and dLoss/dlogits = softmax * invSize +
 * negTargets: two fused terms, no division in the step.
 */
public record Batch(NDArray x, NDArray negTargets, NDArray invSize) {
  /** Its arrays, e.g. to borrow them for a step's scope. */
  public NDArray[] arrays() {
    return new NDArray[] {x, negTargets, invSize};
  }
}
