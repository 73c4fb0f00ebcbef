package org.mnist1d.workbench.experiments.lottery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Adjacency statistics against NumPy's computation of the notebook's formulas; unit order. */
class AdjacencyTest {
  // two units over six inputs: [1,1,1,1,0,1] and [0,1,0,1,1,0]
  private static final double[] W1 = {1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0};

  @Test
  void runsOfTwoThreeAndFour() {
    Adjacency.Stats s = Adjacency.of(W1, null, 2, 6);
    // NumPy: p2 per unit [0.5, 1/6], p3 [1/3, 0], p4 [1/6, 0]; mean, std/sqrt(n)
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 6, 1.0 / 12}, s.mean(), 1e-15);
    assertEquals(0.11785113019775792, s.sem()[0], 1e-15);
  }

  @Test
  void publishedP4TakesItsLastFactorFromAnotherMask() {
    double[] other = new double[12]; // all pruned: every run of four loses its last factor
    Adjacency.Stats s = Adjacency.of(W1, other, 2, 6);
    assertEquals(0.0, s.mean()[2]);
    assertEquals(1.0 / 3, s.mean()[0], 1e-15);
  }

  @Test
  void unitsSortByAdjacencyThenKeptCount() {
    double[] w = {0, 1, 0, 1, /* */ 1, 1, 1, 0, /* */ 1, 0, 1, 0, /* */ 1, 1, 0, 0};
    // scores: 0.002, 2.003, 0.002, 1.002 -> units 1, 3, then 0 and 2 in their order
    assertArrayEquals(new int[] {1, 3, 0, 2}, Adjacency.unitOrder(w, 4, 4));
  }
}
