package org.mnist1d.workbench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * A classifier as a pure function of explicit parameters: {@code forward(params, x)} maps inputs
 * (batch x positions) to logits (batch x classes). Parameters are an {@link NDList} in the order of
 * {@link #parameters()}, so experiments and notebooks can read, replace or perturb them.
 */
public interface Model {
  /** The name used in configs: logistic, mlp, cnn, gru. */
  String name();

  /** The parameter tensors, in order. */
  List<ParameterSpec> parameters();

  /** Logits for inputs {@code x} (B x L). */
  NDArray forward(NDList params, NDArray x);

  /**
   * The activations the model's final linear layer reads (batch x features): its learned
   * representation of {@code x}, so that {@code forward} is a linear map of it. The paper's models
   * have one (the logistic model's is the input itself); a model without throws {@link
   * UnsupportedOperationException}.
   */
  default NDArray penultimate(NDList params, NDArray x) {
    throw new UnsupportedOperationException(name() + " has no penultimate layer");
  }

  /** Total number of scalar parameters. */
  default long parameterCount() {
    return parameters().stream().mapToLong(p -> p.shape().size()).sum();
  }
}
