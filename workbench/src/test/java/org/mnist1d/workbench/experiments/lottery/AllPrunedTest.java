package org.mnist1d.workbench.experiments.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.DatasetCache;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.train.InOrderBatches;
import org.mnist1d.workbench.train.Split;

/**
 * The published search ends at 10.2% for every network: at sparsity 1 the biases are pruned too,
 * the logits are all zero, argmax is class 0, and the frozen test set has 102 zeros in 1000.
 */
class AllPrunedTest {
  @Test
  void everyNetworkPredictsClassZeroOnTheFrozenTestSet() {
    Mnist1dData data = DatasetCache.atDefaultLocation().get(Mnist1dArgs.defaults());
    Model model = LotteryExperiment.model(40, 16);
    List<double[]> init = Initialization.values(model, 42);
    for (double[] mask : Pruning.magnitude(init, Pruning.MLP_LAYERS, 1.0)) {
      for (double k : mask) {
        assertEquals(0.0, k, "sparsity 1 prunes every weight and bias");
      }
    }
    try (NDManager m = NDManager.newBaseManager()) {
      InOrderBatches batches = InOrderBatches.of(m, data.x(), data.y(), 100, 10, DataType.FLOAT32);
      Split test = Split.of(m, data.xTest(), data.yTest(), 0, 1000, 10, DataType.FLOAT32);
      MaskedRun.Result r =
          MaskedRun.train(
              model,
              m,
              batches,
              test,
              init,
              Pruning.magnitude(init, Pruning.MLP_LAYERS, 1.0),
              new MaskedRun.Settings(3, 0.02, 1, 1),
              "all pruned",
              e -> {});
      assertEquals(4, r.evals().size());
      for (MaskedRun.Eval e : r.evals()) {
        assertEquals(10.2, e.testAcc(), 1e-12);
        assertEquals(Math.log(10), e.testLoss(), 1e-6);
      }
      for (double[] p : r.snapshot()) {
        for (double v : p) {
          assertEquals(0.0, Math.abs(v));
        }
      }
    }
  }
}
