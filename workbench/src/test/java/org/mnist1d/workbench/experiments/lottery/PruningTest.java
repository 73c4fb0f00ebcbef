package org.mnist1d.workbench.experiments.lottery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;

/** The schedule as NumPy computes it, and layer-wise pruning by magnitude and at random. */
class PruningTest {
  @Test
  void scheduleIsNumpysLinspaceAndDropsTruncate() {
    // np.linspace(0, 1, 100)[91] and int(p * n) for the 40-500-500-10 layers (NumPy 1.24)
    assertEquals(0.9191919191919192, Sparsity.at(91, 100));
    assertEquals(1.0, Sparsity.at(99, 100));
    assertEquals(0.0, Sparsity.at(0, 1));
    assertEquals(18843, Sparsity.dropped(Sparsity.at(91, 100), 20500));
    assertEquals(230257, Sparsity.dropped(Sparsity.at(91, 100), 250500));
    assertEquals(4605, Sparsity.dropped(Sparsity.at(91, 100), 5010));
    assertEquals(207, Sparsity.dropped(Sparsity.at(1, 100), 20500));
    assertEquals(20292, Sparsity.dropped(Sparsity.at(98, 100), 20500));
    // every eleventh published round is a round of a 10-round schedule
    assertEquals(Sparsity.at(88, 100), Sparsity.at(8, 10), 1e-15);
  }

  @Test
  void lowestScoresDropFirstTiesByPosition() {
    double[] s = {0.5, 0, 0.2, 0, 0.2, 0.9};
    assertArrayEquals(
        new boolean[] {true, false, false, false, true, true}, Pruning.keepMask(s, 3));
    assertArrayEquals(new boolean[] {true, true, true, true, true, true}, Pruning.keepMask(s, 0));
    assertArrayEquals(new boolean[6], Pruning.keepMask(s, 6));
  }

  @Test
  void weightAndBiasArePrunedAsOneVector() {
    // a layer of weight [4 entries] and bias [2]: the two smallest magnitudes of all six drop
    List<double[]> values = List.of(new double[] {-3, 0.1, 2, -0.05}, new double[] {0.07, -5});
    List<double[]> m = Pruning.magnitude(values, List.of(new int[] {0, 1}), 0.4);
    assertArrayEquals(new double[] {1, 1, 1, 0}, m.get(0));
    assertArrayEquals(new double[] {0, 1}, m.get(1));
  }

  @Test
  void magnitudeMasksNestAcrossRoundsAndCountsMatchPerLayer() {
    Model mlp = LotteryExperiment.model(40, 30);
    List<double[]> values = Initialization.values(mlp, 5);
    List<double[]> previous = null;
    for (int r = 0; r < 10; r++) {
      double p = Sparsity.at(r, 10);
      List<double[]> masks = Pruning.magnitude(values, Pruning.MLP_LAYERS, p);
      for (int[] layer : Pruning.MLP_LAYERS) {
        int n = masks.get(layer[0]).length + masks.get(layer[1]).length;
        assertEquals(
            n - Sparsity.dropped(p, n),
            kept(masks.get(layer[0])) + kept(masks.get(layer[1])),
            "round " + r);
      }
      if (previous != null) {
        for (int i = 0; i < masks.size(); i++) {
          for (int k = 0; k < masks.get(i).length; k++) {
            assertFalse(masks.get(i)[k] == 1 && previous.get(i)[k] == 0, "nested");
          }
        }
      }
      previous = masks;
      // the next round's magnitudes: trained weights with the pruned ones at zero
      values = org.mnist1d.workbench.train.ObjectiveTraining.masked(values, masks);
    }
  }

  @Test
  void randomMasksHaveTheScheduledCountsAndDependOnlyOnTheirSeed() {
    List<Integer> sizes = List.of(120, 30, 900, 30, 300, 10);
    double p = Sparsity.at(7, 10);
    List<double[]> a =
        Pruning.random(sizes, Pruning.MLP_LAYERS, p, LotteryExperiment.maskRandom(42, 0, 7));
    List<double[]> b =
        Pruning.random(sizes, Pruning.MLP_LAYERS, p, LotteryExperiment.maskRandom(42, 0, 7));
    List<double[]> c =
        Pruning.random(sizes, Pruning.MLP_LAYERS, p, LotteryExperiment.maskRandom(42, 1, 7));
    for (int i = 0; i < sizes.size(); i++) {
      assertArrayEquals(a.get(i), b.get(i));
    }
    assertFalse(java.util.Arrays.equals(a.get(2), c.get(2)), "another trial, another mask");
    assertEquals(150 - Sparsity.dropped(p, 150), kept(a.get(0)) + kept(a.get(1)));
    assertEquals(930 - Sparsity.dropped(p, 930), kept(a.get(2)) + kept(a.get(3)));
    // the kept entries spread over the layer: the weight keeps about its share
    assertEquals(1 - p, (kept(a.get(2)) + 0.0) / 900, 0.05);
  }

  private static int kept(double[] m) {
    int n = 0;
    for (double v : m) {
      n += v != 0 ? 1 : 0;
    }
    return n;
  }
}
