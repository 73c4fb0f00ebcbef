package org.mnist1d.workbench.metagrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.Scalars;
import org.mnist1d.workbench.reference.OptimizerCase;
import org.mnist1d.workbench.reference.TorchReference;

/**
 * The metagradient package's smaller promises, each found unchecked by mutation testing: outer
 * state of several hyperparameters as torch's, checkpoint arrays by name, the inner loop's limits,
 * a NaN in a forward run, evaluation logits.
 */
class MetagradContractsTest {

  /**
   * Two hyperparameter arrays (torch's seven values split 3 + 4: Adam is elementwise): the state is
   * {@code [step], m of each, v of each}, each torch's, and a restored copy continues identically.
   */
  @Test
  void outerAdamStateOfSeveralArraysIsTorchsAndRestores() {
    OptimizerCase ref = OptimizerCase.of("adam_lr0.01", "float64");
    OuterOptimizer adam = OuterOptimizer.adam(0.01, 0.9, 0.999, 1e-8);
    double[][] p = split(ref.params0());
    OuterOptimizer copy = null;
    double[][] q = null;
    for (int k = 0; k < ref.size(); k++) {
      adam.step(p, split(ref.grads()[k]));
      if (copy != null) {
        copy.step(q, split(ref.grads()[k]));
        assertArrayEquals(join(p), join(q), 0.0, "restored, step " + (k + 1));
      }
      double[][] s = adam.state();
      assertEquals(5, s.length, "[step], m x 2, v x 2");
      assertEquals(k + 1, s[0][0], 0.0);
      TorchReference.assertClose(
          ref.state(k, "exp_avg"), join(new double[][] {s[1], s[2]}), 1e-15, 0, "exp_avg");
      TorchReference.assertClose(
          ref.state(k, "exp_avg_sq"), join(new double[][] {s[3], s[4]}), 1e-15, 0, "exp_avg_sq");
      TorchReference.assertClose(ref.params(k), join(p), 1e-15, 0, "params");
      if (k == 1) {
        copy = OuterOptimizer.adam(0.01, 0.9, 0.999, 1e-8);
        copy.restore(s);
        q = new double[][] {p[0].clone(), p[1].clone()};
      }
    }
    assertEquals(
        List.of("adam.step", "adam.m.a", "adam.m.b", "adam.v.a", "adam.v.b"),
        adam.stateNames(List.of("a", "b")));
  }

  private static double[][] split(double[] v) {
    return new double[][] {
      java.util.Arrays.copyOfRange(v, 0, 3), java.util.Arrays.copyOfRange(v, 3, 7)
    };
  }

  private static double[] join(double[][] parts) {
    double[] out = new double[parts[0].length + parts[1].length];
    System.arraycopy(parts[0], 0, out, 0, parts[0].length);
    System.arraycopy(parts[1], 0, out, parts[0].length, parts[1].length);
    return out;
  }

  /** Clamping changes the gradient only: the state, its names and its restoring are Adam's. */
  @Test
  void aClampedOptimiserSavesAndRestoresItsInnerState() {
    OuterOptimizer clamped =
        OuterOptimizer.clamped(0.1, OuterOptimizer.adam(0.01, 0.9, 0.999, 1e-8));
    double[][] p = {{1.0, 2.0}};
    clamped.step(p, new double[][] {{5.0, -0.05}});
    double[][] s = clamped.state();
    assertEquals(3, s.length);
    assertArrayEquals(new double[] {0.1 * 0.1, 0.1 * -0.05}, s[1], 1e-17, "m of the clamped g");
    assertEquals(List.of("adam.step", "adam.m.x", "adam.v.x"), clamped.stateNames(List.of("x")));
    OuterOptimizer copy = OuterOptimizer.clamped(0.1, OuterOptimizer.adam(0.01, 0.9, 0.999, 1e-8));
    copy.restore(s);
    double[][] q = {p[0].clone()};
    clamped.step(p, new double[][] {{-3.0, 0.02}});
    copy.step(q, new double[][] {{-3.0, 0.02}});
    assertArrayEquals(p[0], q[0], 0.0);
  }

  /** Checkpoint arrays are named after what they hold, and read back into the same state. */
  @Test
  void outerCheckpointsNameEveryArrayAndReadBack() {
    OuterOptimizer sgd = OuterOptimizer.sgd(0.3, 0.9);
    double[][] hyper = {{1.5}, {0.1, 0.2}};
    sgd.step(hyper, new double[][] {{0.5}, {1.0, -1.0}});
    OuterLoop.State state = new OuterLoop.State(4, hyper, sgd.state());
    Map<String, double[]> arrays = OuterCheckpoints.arrays(state, List.of("lr", "act"), sgd);
    assertEquals(
        List.of("hyper.lr", "hyper.act", "outer.velocity.lr", "outer.velocity.act"),
        List.copyOf(arrays.keySet()));
    assertArrayEquals(new double[] {1.0, -1.0}, arrays.get("outer.velocity.act"), 0.0);
    OuterLoop.State back = OuterCheckpoints.state(4, arrays, List.of("lr", "act"), sgd);
    assertEquals(4, back.step());
    assertArrayEquals(hyper[1], back.hyper()[1], 0.0);
    assertArrayEquals(sgd.state()[0], back.optimizerState()[0], 0.0);
    assertArrayEquals(sgd.state()[1], back.optimizerState()[1], 0.0);

    // before the first step there is no optimiser state, and none is invented
    OuterLoop.State fresh = new OuterLoop.State(0, hyper, new double[0][]);
    Map<String, double[]> bare = OuterCheckpoints.arrays(fresh, List.of("lr", "act"), sgd);
    assertEquals(List.of("hyper.lr", "hyper.act"), List.copyOf(bare.keySet()));
    assertEquals(
        0, OuterCheckpoints.state(0, bare, List.of("lr", "act"), sgd).optimizerState().length);
    IllegalStateException missing =
        assertThrows(
            IllegalStateException.class,
            () -> OuterCheckpoints.state(0, Map.of(), List.of("lr"), sgd));
    assertEquals("checkpoint has no array 'hyper.lr'", missing.getMessage());
  }

  /** Configs and reports know the optimisers and activations by these names. */
  @Test
  void namesAndPublishedSettings() {
    assertEquals("sgd", new InnerSgd().name());
    assertEquals("momentum", new InnerMomentum(0.9).name());
    assertEquals("rmsprop", InnerRmsProp.published().name());
    assertEquals("adam", InnerAdam.defaults().name());
    assertEquals("learned", LearnedActivation.published(0).name());
    assertEquals(new InnerAdam(0.9, 0.999, 1e-8), InnerAdam.defaults());
    assertEquals(new InnerRmsProp(0.4, 1e-8, 1.0), InnerRmsProp.published());
  }

  @Test
  void anInnerLoopNeedsAWindowWithinItsSteps() {
    MlpLearner learner = new MlpLearner(2, 2, 2, ActivationFunctions.named("tanh"), 0.0);
    InnerSgd sgd = new InnerSgd();
    LearningRate lr = LearningRate.fixed(0.1);
    new InnerLoop(learner, sgd, lr, 1, 1); // the smallest
    new InnerLoop(learner, sgd, lr, 5, 5);
    for (int[] bad : new int[][] {{0, 1}, {5, 0}, {5, 6}}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> new InnerLoop(learner, sgd, lr, bad[0], bad[1]),
          bad[0] + " steps, window " + bad[1]);
    }
    InnerLoop loop = new InnerLoop(learner, sgd, lr, 5, 2);
    assertEquals(0.0, loop.weight(2), 0.0);
    assertEquals(0.5, loop.weight(3), 0.0);
    assertEquals(0.5, loop.weight(4), 0.0);
  }

  /** A forward run (baselines) stops at the first non-finite loss, naming the step. */
  @Test
  void aForwardRunStopsAtANaN() {
    try (NDManager m = NDManager.newBaseManager()) {
      Scalars c = new Scalars(m, Problems.F64);
      MlpLearner learner = new MlpLearner(6, 5, 4, ActivationFunctions.named("tanh"), 0.0);
      InnerLoop loop = new InnerLoop(learner, new InnerSgd(), LearningRate.learned(0), 6, 3);
      Batches data = Problems.data(m, 12, 6, 4, 4, 1);
      List<StepNoise> noise = Problems.noise(m, learner, 6, 2);
      NDArray theta0 = Problems.theta(m, learner, 3);
      Divergence d =
          assertThrows(
              Divergence.class,
              () ->
                  loop.run(
                      theta0, Problems.hyper(m, new double[] {Double.NaN}), data, noise, c, m));
      assertEquals(1, d.innerStep());
      assertEquals("inner loss", d.quantity());
    }
  }

  /** The evaluation logits are those the training loss is made of. */
  @Test
  void evaluationLogitsAreTheLossesLogits() {
    try (NDManager m = NDManager.newBaseManager()) {
      Scalars c = new Scalars(m, Problems.F64);
      LearnedActivation act = new LearnedActivation(0, 7, 0.2);
      MlpLearner learner = new MlpLearner(6, 5, 4, act, 0.1);
      Batches data = Problems.data(m, 8, 6, 4, 8, 3);
      SplittableRandom r = new SplittableRandom(4);
      NDList hyper = Problems.hyper(m, act.initialize(r));
      StepNoise noise = learner.sampleNoise(m, r, Problems.F64);
      NDArray theta = Problems.theta(m, learner, 5);
      Batch b = data.at(0);
      double loss = ArrayValues.value(learner.lossAndGradient(theta, hyper, b, noise, c).get(0));
      NDArray logits = learner.logits(theta, hyper, b.x(), noise, c);
      assertEquals(new ai.djl.ndarray.types.Shape(8, 4), logits.getShape());
      double fromLogits = ArrayValues.value(logits.logSoftmax(1).mul(b.negTargets()).sum());
      assertEquals(loss, fromLogits, 1e-14);
    }
  }
}
