package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.mnist1d.workbench.nn.Scalars;

/**
 * An elementwise activation together with its derivative, both written as differentiable NDArray
 * operations so that an inner step's explicit gradient can itself be differentiated.
 */
public interface ActivationFunction {
  /** The name used in configs and reports. */
  String name();

  /**
   * {@code [act(z), act'(z)]}, both shaped like {@code z}.
   *
   * @param hyper the hyperparameter leaves (a learned activation reads its slot; fixed ones ignore
   *     it)
   * @param noise the step's noise ({@link StepNoise#activation()} for a learned activation)
   */
  NDList valueAndSlope(NDArray z, NDList hyper, StepNoise noise, Scalars c);

  /** Width of the noise row this activation draws per forward pass (0: none). */
  default int noiseWidth() {
    return 0;
  }
}
