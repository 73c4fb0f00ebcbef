package org.mnist1d.workbench.metagrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Scalars;

/** The learner's explicit gradient equals DJL's own first-order autograd of its loss. */
class MlpLearnerGradientTest {

  @ParameterizedTest
  @ValueSource(strings = {"relu", "swish", "elu", "softplus", "tanh", "sigmoid", "learned"})
  void explicitGradientMatchesAutograd(String name) {
    try (NDManager m = NDManager.newBaseManager()) {
      Scalars c = new Scalars(m, Problems.F64);
      boolean learned = name.equals("learned");
      LearnedActivation act = new LearnedActivation(0, 7, 0.2);
      MlpLearner learner =
          new MlpLearner(6, 5, 4, learned ? act : ActivationFunctions.named(name), 0.1);
      Batches data = Problems.data(m, 9, 6, 4, 9, 3);
      SplittableRandom r = new SplittableRandom(11);
      NDList hyper = Problems.hyper(m, act.initialize(r));
      StepNoise noise = learner.sampleNoise(m, r, Problems.F64);
      // Scale up so that pre-activations spread over both sides of every kink.
      NDArray theta = Problems.theta(m, learner, 5).mul(c.of(3));

      NDList explicit = learner.lossAndGradient(theta, hyper, data.at(0), noise, c);
      theta.setRequiresGradient(true);
      double autogradLoss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray loss = learner.lossAndGradient(theta, hyper, data.at(0), noise, c).get(0);
        autogradLoss = loss.getDouble();
        gc.backward(loss);
      }
      assertEquals(autogradLoss, explicit.get(0).getDouble(), 1e-12);
      assertArrayEquals(
          theta.getGradient().toDoubleArray(), explicit.get(1).toDoubleArray(), 1e-12);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"swish", "elu", "softplus", "tanh", "sigmoid", "learned"})
  void slopeMatchesAutogradOfValue(String name) {
    try (NDManager m = NDManager.newBaseManager()) {
      Scalars c = new Scalars(m, Problems.F64);
      LearnedActivation act = new LearnedActivation(0, 7, 0.2);
      ActivationFunction f = name.equals("learned") ? act : ActivationFunctions.named(name);
      SplittableRandom r = new SplittableRandom(2);
      NDList hyper = Problems.hyper(m, act.initialize(r));
      StepNoise noise = new MlpLearner(1, 1, 1, f, 0).sampleNoise(m, r, Problems.F64);
      double[] zs = new double[24];
      for (int i = 0; i < zs.length; i++) {
        zs[i] = -5 + 10 * r.nextDouble();
      }
      NDArray z = ArrayValues.of(m, zs, new ai.djl.ndarray.types.Shape(4, 6), Problems.F64);
      NDArray slope = f.valueAndSlope(z, hyper, noise, c).get(1);
      z.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(f.valueAndSlope(z, hyper, noise, c).get(0).sum());
      }
      assertArrayEquals(z.getGradient().toDoubleArray(), slope.toDoubleArray(), 1e-12);
    }
  }
}
