package org.mnist1d.workbench.metagrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mnist1d.workbench.nn.Scalars;

/**
 * Per-step recomputation keeps one step's graph alive, whatever T; nothing leaks into long-lived
 * managers.
 */
class MetagradientMemoryTest {

  private static Metagradient.Result run(NDManager m, int steps, int segment, Scalars c) {
    LearnedActivation act = new LearnedActivation(0, 6, 0.2);
    MlpLearner learner = new MlpLearner(6, 5, 4, act, 0.1);
    InnerLoop loop =
        new InnerLoop(
            learner, InnerRmsProp.published(), LearningRate.fixed(0.05), steps, steps / 2);
    Batches data = Problems.data(m, 12, 6, 4, 4, 1);
    List<StepNoise> noise = Problems.noise(m, learner, steps, 2);
    NDArray theta0 = Problems.theta(m, learner, 3);
    NDList hyper = Problems.hyper(m, act.initialize(new SplittableRandom(4)));
    // Touch every batch once so that the cache is complete before counting.
    for (int t = 0; t < steps; t++) {
      data.at(t);
    }
    int before = m.getManagedArrays().size();
    Metagradient.Result result =
        Metagradient.compute(loop, theta0, hyper, data, noise, segment, c, m);
    result.finalTheta().close();
    assertEquals(before, m.getManagedArrays().size(), "arrays left behind by the unrolled loop");
    return result;
  }

  @Test
  void perStepRecomputationHoldsOneStepWhateverTheLength() {
    try (NDManager m = NDManager.newBaseManager();
        NDManager constants = NDManager.newBaseManager()) {
      // constants are made lazily and kept by design: count them apart
      Scalars c = new Scalars(constants, Problems.F64);
      int shortLoop = run(m, 6, 1, c).peakSegmentArrays();
      int longLoop = run(m, 24, 1, c).peakSegmentArrays();
      assertEquals(shortLoop, longLoop);
      // Whole-loop recording, by contrast, grows with T: the probe can tell the difference.
      int wholeShort = run(m, 6, 6, c).peakSegmentArrays();
      int wholeLong = run(m, 24, 24, c).peakSegmentArrays();
      assertTrue(wholeLong > 3 * wholeShort, wholeShort + " vs " + wholeLong);
      assertTrue(wholeShort > shortLoop);
    }
  }
}
