package org.mnist1d.workbench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.DatasetCache;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.Models;
import org.mnist1d.workbench.nn.TorchRecords;

/**
 * Masked training steps against PyTorch's gradient through the masks; pruned entries stay zero; a
 * restored snapshot continues to the same numbers; in-order batches as the reference harness.
 */
class ObjectiveTrainingTest {
  private static final Mnist1dData DATA =
      DatasetCache.atDefaultLocation().get(Mnist1dArgs.defaults());

  /** One SGD step of lr 1 moves the masked parameters by exactly PyTorch's masked gradient. */
  @Test
  void maskedStepFollowsTheMaskedGradient() {
    JsonNode file = TorchRecords.load("models-lottery.json");
    JsonNode record = file.get("model");
    Model mlp = Models.mlp(40, record.get("hidden").asInt(), 10);
    List<double[]> init = TorchRecords.tensors(record.get("params"));
    List<double[]> masks = TorchRecords.tensors(record.get("masks"));
    List<double[]> grads = TorchRecords.tensors(record.get("float64").get("grads"));
    double[][] x = rows(file.get("x"));
    int[] y = new int[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = file.get("y").get(i).asInt();
    }
    try (NDManager m = NDManager.newBaseManager();
        ObjectiveTraining run =
            new ObjectiveTraining(
                mlp.parameters(), m, init, masks, DataType.FLOAT64, s -> new FusedSgd(1.0))) {
      Split batch = Split.of(m, x, y, 0, x.length, 10, DataType.FLOAT64);
      double loss = run.step(ObjectiveTraining.classification(mlp, batch));
      assertEquals(record.get("float64").get("loss").asDouble(), loss, 1e-12);
      List<double[]> after = run.values();
      for (int p = 0; p < init.size(); p++) {
        double[] expected = new double[init.get(p).length];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = masks.get(p)[i] * init.get(p)[i] - grads.get(p)[i];
        }
        TorchRecords.assertClose(expected, after.get(p), 1e-12, "parameter " + p);
      }
    }
  }

  /**
   * Both forms of Adam: 32 hidden units take the engine's fused update, 700 (35,710 parameters) the
   * written-out one, whose moments are rescaled on the way into and out of a snapshot.
   */
  @ParameterizedTest
  @ValueSource(ints = {32, 700})
  void prunedEntriesStayZeroAndSnapshotsResumeExactly(int hidden) {
    Model mlp = Models.mlp(40, hidden, 10);
    assertEquals(hidden > 32, FusedAdam.explicit(mlp.parameterCount()));
    List<double[]> init = Initialization.values(mlp, 3);
    List<double[]> masks = init.stream().map(v -> halfMask(v.length)).toList();
    try (NDManager m = NDManager.newBaseManager()) {
      InOrderBatches batches = InOrderBatches.of(m, DATA.x(), DATA.y(), 100, 10, DataType.FLOAT32);
      Map<String, double[]> snapshot;
      List<double[]> straight;
      try (ObjectiveTraining run = ObjectiveTraining.adam(mlp, m, init, masks, 0.02)) {
        for (int s = 0; s < 30; s++) {
          run.step(ObjectiveTraining.classification(mlp, batches.at(run.steps())));
        }
        snapshot = run.snapshot();
        for (int s = 0; s < 20; s++) {
          run.step(ObjectiveTraining.classification(mlp, batches.at(run.steps())));
        }
        straight = run.values();
      }
      for (int p = 0; p < straight.size(); p++) {
        for (int i = 0; i < straight.get(p).length; i++) {
          if (masks.get(p)[i] == 0) {
            assertEquals(0.0, Math.abs(straight.get(p)[i]), "pruned entry " + p + "/" + i);
          }
        }
      }
      try (ObjectiveTraining resumed = ObjectiveTraining.adam(mlp, m, init, masks, 0.02)) {
        resumed.restore(snapshot, 30);
        for (int s = 0; s < 20; s++) {
          resumed.step(ObjectiveTraining.classification(mlp, batches.at(resumed.steps())));
        }
        assertEquals(50, resumed.steps());
        for (int p = 0; p < straight.size(); p++) {
          assertArrayEquals(straight.get(p), resumed.values().get(p), "parameter " + p);
        }
        ObjectiveTraining.Score score =
            resumed.score(
                mlp, Split.of(m, DATA.xTest(), DATA.yTest(), 0, 1000, 10, DataType.FLOAT32));
        assertTrue(score.accuracy() > 20, "learns: " + score);
      }
    }
  }

  @Test
  void inOrderBatchesRepeatAsTheReferenceHarness() {
    try (NDManager m = NDManager.newBaseManager()) {
      double[][] x = new double[10][1];
      int[] y = new int[10];
      for (int i = 0; i < 10; i++) {
        x[i][0] = i;
      }
      // n = 10, B = 4: starts 0, 4, 8 (rows 8..9), 2, 6, then 0 again
      InOrderBatches b = InOrderBatches.of(m, x, y, 4, 10, DataType.FLOAT64);
      assertEquals(5, b.period());
      assertArrayEquals(new double[] {8, 9}, b.at(2).x().toDoubleArray());
      assertArrayEquals(new double[] {2, 3, 4, 5}, b.at(3).x().toDoubleArray());
      assertArrayEquals(new double[] {0, 1, 2, 3}, b.at(5).x().toDoubleArray());
    }
  }

  private static double[] halfMask(int n) {
    double[] k = new double[n];
    for (int i = 0; i < n; i++) {
      k[i] = (i * 7 + 3) % 10 < 5 ? 1 : 0;
    }
    return k;
  }

  private static double[][] rows(JsonNode n) {
    double[][] out = new double[n.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = TorchRecords.flat(n.get(i));
    }
    return out;
  }
}
