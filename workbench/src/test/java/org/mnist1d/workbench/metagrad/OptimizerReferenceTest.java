package org.mnist1d.workbench.metagrad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Scalars;
import org.mnist1d.workbench.reference.OptimizerCase;
import org.mnist1d.workbench.reference.TorchReference;

/**
 * The inner (differentiable) and outer optimisers against {@code torch.optim} itself: five steps of
 * recorded gradients (an exact zero, a 50, values of 1e-6 where eps matters) from the recorded
 * start, compared after every step with torch's parameters and its state (momentum buffer,
 * RMSprop's square average, Adam's moments and step count). The expected values come from
 * reference/torch/optimizers.json; no code is shared with what is tested.
 */
class OptimizerReferenceTest {
  /**
   * Torch rounds some operations once, as an fma, where the workbench rounds the product and the
   * sum. Measured largest relative gaps over the five steps (2026-11-30): float64 5.8e-16
   * (parameters), 2.6e-16 (state); float32 3.9e-7 (momentum parameters), 1.2e-7 (state). A wrong
   * rule is far outside: eps moved inside the square root changes the 1e-6 column by about 1%.
   */
  static final double FLOAT64_RTOL = 1e-12;

  static final double FLOAT32_RTOL = 1e-5;

  static Stream<Arguments> innerCases() {
    return Stream.of("float64", "float32")
        .flatMap(
            dtype ->
                Stream.of(
                    Arguments.of("sgd_lr0.1", dtype, new InnerSgd(), 0.1, List.of()),
                    Arguments.of(
                        "sgd_momentum_lr0.01_m0.9",
                        dtype,
                        new InnerMomentum(0.9),
                        0.01,
                        List.of("momentum_buffer")),
                    // torch's default RMSprop: the square average starts at zero
                    Arguments.of(
                        "rmsprop_lr0.01_alpha0.99",
                        dtype,
                        new InnerRmsProp(0.99, 1e-8, 0.0),
                        0.01,
                        List.of("square_avg")),
                    // the activation experiment's update: decay 0.4, square average from ones
                    Arguments.of(
                        "rmsprop_ones_lr0.01_alpha0.4",
                        dtype,
                        InnerRmsProp.published(),
                        0.01,
                        List.of("square_avg")),
                    Arguments.of(
                        "adam_lr0.01",
                        dtype,
                        InnerAdam.defaults(),
                        0.01,
                        List.of("exp_avg", "exp_avg_sq")),
                    Arguments.of(
                        "adam_lr0.02",
                        dtype,
                        InnerAdam.defaults(),
                        0.02,
                        List.of("exp_avg", "exp_avg_sq"))));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("innerCases")
  void innerOptimizerStepsAsTorchDoes(
      String name, String dtype, InnerOptimizer optimizer, double lr, List<String> stateKeys) {
    OptimizerCase ref = OptimizerCase.of(name, dtype);
    DataType type = dtype.equals("float64") ? DataType.FLOAT64 : DataType.FLOAT32;
    double rtol = dtype.equals("float64") ? FLOAT64_RTOL : FLOAT32_RTOL;
    try (NDManager m = NDManager.newBaseManager()) {
      Scalars c = new Scalars(m, type);
      NDArray theta = ArrayValues.vector(m, ref.params0(), type);
      NDList state = optimizer.initialState(theta, c);
      assertEquals(stateKeys.size(), state.size(), "state arrays");
      for (int k = 0; k < ref.size(); k++) {
        NDArray grad = ArrayValues.vector(m, ref.grads()[k], type);
        NDList next = optimizer.step(theta, grad, state, c.of(lr), k, c);
        theta = next.get(0);
        state = new NDList(next.subList(1, next.size()));
        String at = name + " " + dtype + " step " + (k + 1);
        assertEquals(type, theta.getDataType(), at);
        TorchReference.assertClose(
            ref.params(k), ArrayValues.values(theta), rtol, 0, at + " params");
        for (int i = 0; i < stateKeys.size(); i++) {
          TorchReference.assertClose(
              ref.state(k, stateKeys.get(i)),
              ArrayValues.values(state.get(i)),
              rtol,
              0,
              at + " " + stateKeys.get(i));
        }
      }
    }
  }

  /**
   * The outer optimisers are plain Java doubles: torch's float64 to a few ulps, not bit for bit
   * (torch rounds {@code p.add_(buf, alpha=-lr)} once, as an fma, where Java rounds the product and
   * the sum). Measured largest relative gaps: SGD 2.0e-16, SGD with momentum 5.8e-16, Adam 1.3e-16.
   */
  static final double OUTER_RTOL = 1e-15;

  @Test
  void outerSgdWithMomentumStepsAsTorchDoes() {
    for (String name : List.of("sgd_lr0.1", "sgd_momentum_lr0.01_m0.9")) {
      OptimizerCase ref = OptimizerCase.of(name, "float64");
      boolean momentum = name.contains("momentum");
      OuterOptimizer sgd = OuterOptimizer.sgd(momentum ? 0.01 : 0.1, momentum ? 0.9 : 0.0);
      double[][] p = {ref.params0().clone()};
      for (int k = 0; k < ref.size(); k++) {
        sgd.step(p, new double[][] {ref.grads()[k].clone()});
        String at = name + " step " + (k + 1);
        TorchReference.assertClose(ref.params(k), p[0], OUTER_RTOL, 0, at + " params");
        if (momentum) {
          // the velocity is torch's momentum buffer, bit for bit (buf = 0.9 buf + g rounds twice)
          TorchReference.assertIdentical(
              ref.state(k, "momentum_buffer"), sgd.state()[0], at + " momentum_buffer");
        }
      }
    }
  }

  @Test
  void outerAdamStepsAsTorchDoes() {
    for (String name : List.of("adam_lr0.01", "adam_lr0.02")) {
      OptimizerCase ref = OptimizerCase.of(name, "float64");
      double lr = name.endsWith("0.01") ? 0.01 : 0.02;
      OuterOptimizer adam = OuterOptimizer.adam(lr, 0.9, 0.999, 1e-8);
      double[][] p = {ref.params0().clone()};
      for (int k = 0; k < ref.size(); k++) {
        adam.step(p, new double[][] {ref.grads()[k].clone()});
        String at = name + " step " + (k + 1);
        TorchReference.assertClose(ref.params(k), p[0], OUTER_RTOL, 0, at + " params");
        double[][] s = adam.state(); // [t], m, v
        assertEquals(ref.stateScalar(k, "step"), s[0][0], 0.0, at + " step count");
        TorchReference.assertClose(ref.state(k, "exp_avg"), s[1], OUTER_RTOL, 0, at + " exp_avg");
        TorchReference.assertClose(
            ref.state(k, "exp_avg_sq"), s[2], OUTER_RTOL, 0, at + " exp_avg_sq");
      }
    }
  }
}
