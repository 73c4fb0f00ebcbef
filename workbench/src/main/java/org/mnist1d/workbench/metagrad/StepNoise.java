package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;

/**
 * The random offsets one forward pass adds to hidden layers: {@code hidden} (1 x H, added after the
 * inner model's activation) and {@code activation} (1 x G, added after the learned activation's
 * tanh layer). Either is null when that layer has no noise.
 *
 * <p>Stored per step so that the reverse pass recomputes exactly the forward pass.
 */
public record StepNoise(NDArray hidden, NDArray activation) {
  /** No noise anywhere. */
  public static final StepNoise NONE = new StepNoise(null, null);

  /** Its arrays (nulls where a layer has no noise), e.g. to borrow them for a step's scope. */
  public NDArray[] arrays() {
    return new NDArray[] {hidden, activation};
  }
}
