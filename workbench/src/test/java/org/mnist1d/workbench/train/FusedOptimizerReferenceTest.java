package org.mnist1d.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.reference.OptimizerCase;
import org.mnist1d.workbench.reference.TorchReference;

/**
 * The training optimisers (the engine's fused in-place updates, float32) against {@code
 * torch.optim} itself: five recorded gradients from the recorded start (reference/torch/
 * optimizers.json, float32), compared with torch's parameters and Adam's moments after every step.
 */
class FusedOptimizerReferenceTest {
  /**
   * The fused kernels of libtorch 2.7.1 against torch 1.13's {@code _single_tensor_adam}, float32.
   * Measured largest relative gaps over the five steps (2026-11-30): Adam parameters 7.0e-8 (lr
   * 0.01) and 2.2e-7 (lr 0.02), moments (after the fused call's factors) 1.5e-7; SGD parameters
   * 7.5e-8 (one float32 ulp). 1e-5 is the float32 tolerance for every comparison with torch here; a
   * missing bias correction moves the first step by a factor of 3 or more.
   */
  static final double RTOL = 1e-5;

  private static NDArray leaf(NDManager m, double[] values) {
    NDArray p = ArrayValues.vector(m, values, DataType.FLOAT32);
    p.setRequiresGradient(true); // as in TrainingRun: parameters are autograd leaves
    return p;
  }

  /**
   * Both ways FusedAdam updates: the engine's fused call (the recorded parameters as they are),
   * whose moments are torch's times k1 and k2, and the explicit operations (the recorded vector
   * tiled to FusedAdam.EXPLICIT_FROM entries or more: the update is elementwise, so every copy must
   * follow torch), whose moments are torch's.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void fusedAdamStepsAsTorchDoes(boolean explicit) {
    double k1 = explicit ? 1 : (1f - 0.9f) / (double) (float) (1 - 0.9);
    double k2 = explicit ? 1 : (1f - 0.999f) / (double) (float) (1 - 0.999);
    for (String name : List.of("adam_lr0.01", "adam_lr0.02")) {
      OptimizerCase ref = OptimizerCase.of(name, "float32");
      int copies = explicit ? (int) (FusedAdam.EXPLICIT_FROM / ref.params0().length + 1) : 1;
      assertEquals(explicit, FusedAdam.explicit((long) copies * ref.params0().length));
      double lr = name.endsWith("0.01") ? 0.01 : 0.02;
      try (NDManager m = NDManager.newBaseManager()) {
        FusedAdam adam = new FusedAdam(m, lr);
        assertTrue(adam.state().isEmpty(), "no state before the first step");
        NDArray p = leaf(m, tiled(ref.params0(), copies));
        for (int k = 0; k < ref.size(); k++) {
          NDArray g = ArrayValues.vector(m, tiled(ref.grads()[k], copies), DataType.FLOAT32);
          adam.update(new NDList(p), new NDList(g), k);
          String at = name + (explicit ? " explicit" : " fused") + " step " + (k + 1);
          TorchReference.assertClose(
              tiled(ref.params(k), copies), ArrayValues.values(p), RTOL, 0, at);
          NDList state = adam.state();
          assertEquals(2, state.size(), at + ": m and v");
          TorchReference.assertClose(
              tiled(scaled(ref.state(k, "exp_avg"), k1), copies),
              ArrayValues.values(state.get(0)),
              RTOL,
              0,
              at + " exp_avg");
          TorchReference.assertClose(
              tiled(scaled(ref.state(k, "exp_avg_sq"), k2), copies),
              ArrayValues.values(state.get(1)),
              RTOL,
              0,
              at + " exp_avg_sq");
        }
      }
    }
  }

  private static double[] tiled(double[] values, int copies) {
    double[] out = new double[values.length * copies];
    for (int c = 0; c < copies; c++) {
      System.arraycopy(values, 0, out, c * values.length, values.length);
    }
    return out;
  }

  private static double[] scaled(double[] values, double factor) {
    double[] out = new double[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[i] * factor;
    }
    return out;
  }

  /**
   * A restored state continues as the original, in both forms: the moments are what the next step
   * reads (the explicit form converts torch's moments to its own scaling and back).
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void fusedAdamRestoredMidwayContinuesAsTorch(boolean explicit) {
    OptimizerCase ref = OptimizerCase.of("adam_lr0.01", "float32");
    int copies = explicit ? (int) (FusedAdam.EXPLICIT_FROM / ref.params0().length + 1) : 1;
    try (NDManager m = NDManager.newBaseManager()) {
      FusedAdam first = new FusedAdam(m, 0.01);
      NDArray p = leaf(m, tiled(ref.params0(), copies));
      for (int k = 0; k < 2; k++) {
        first.update(new NDList(p), new NDList(grad(m, ref.grads()[k], copies)), k);
      }
      FusedAdam second = new FusedAdam(m, 0.01);
      // a checkpoint's arrays come from elsewhere: the optimiser takes them over, so they
      // outlive the manager they were read into
      try (NDManager reading = m.newSubManager();
          NDList state = first.state()) {
        NDList saved = new NDList();
        for (NDArray s : state) {
          NDArray copy = s.duplicate();
          copy.attach(reading);
          saved.add(copy);
        }
        second.restore(saved, DataType.FLOAT32);
      }
      for (int k = 2; k < ref.size(); k++) {
        second.update(new NDList(p), new NDList(grad(m, ref.grads()[k], copies)), k);
        TorchReference.assertClose(
            tiled(ref.params(k), copies),
            ArrayValues.values(p),
            RTOL,
            0,
            (explicit ? "explicit" : "fused") + ", restored, step " + (k + 1));
      }
    }
  }

  private static NDArray grad(NDManager m, double[] values, int copies) {
    return ArrayValues.vector(m, tiled(values, copies), DataType.FLOAT32);
  }

  @Test
  void fusedSgdStepsAsTorchDoes() {
    OptimizerCase ref = OptimizerCase.of("sgd_lr0.1", "float32");
    try (NDManager m = NDManager.newBaseManager()) {
      FusedSgd sgd = new FusedSgd(0.1);
      NDArray p = leaf(m, ref.params0());
      for (int k = 0; k < ref.size(); k++) {
        sgd.update(
            new NDList(p), new NDList(ArrayValues.vector(m, ref.grads()[k], DataType.FLOAT32)), k);
        TorchReference.assertClose(
            ref.params(k), ArrayValues.values(p), RTOL, 0, "sgd step " + (k + 1));
      }
      assertTrue(sgd.state().isEmpty());
    }
  }
}
