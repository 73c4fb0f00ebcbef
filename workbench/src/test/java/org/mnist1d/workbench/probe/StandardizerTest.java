package org.mnist1d.workbench.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mnist1d.workbench.reference.ReferenceJson;

class StandardizerTest {

  @Test
  void meansAndScalesEqualScikitLearns() {
    Standardizer s = Standardizer.fit(ProbeReference.xTrain());
    double[] mean = ReferenceJson.doubles(ProbeReference.get("scaler.mean"));
    double[] scale = ReferenceJson.doubles(ProbeReference.get("scaler.scale"));
    for (int j = 0; j < mean.length; j++) {
      assertEquals(mean[j], s.mean()[j], 1e-13 * Math.max(1, Math.abs(mean[j])), "mean " + j);
      assertEquals(scale[j], s.scale()[j], 1e-13 * scale[j], "scale " + j);
    }
  }

  @Test
  void constantFeatureIsLeftUnscaled() {
    // column 5 of the reference data is the constant 2.7; rounding makes its variance tiny, not 0
    Standardizer s = Standardizer.fit(ProbeReference.xTrain());
    assertEquals(1.0, s.scale()[5]);
    assertEquals(1.0, ReferenceJson.doubles(ProbeReference.get("scaler.scale"))[5]);
    Standardizer exact = Standardizer.fit(new double[][] {{3, 1}, {3, 2}, {3, 3}});
    assertArrayEquals(new double[] {1.0, Math.sqrt(2.0 / 3)}, exact.scale(), 1e-15);
  }

  @Test
  void transformedTrainingRowsHaveMeanZeroAndUnitPopulationVariance() {
    double[][] z = Standardizer.fit(ProbeReference.xTrain()).transform(ProbeReference.xTrain());
    for (int j = 0; j < z[0].length; j++) {
      if (j == 5) {
        continue;
      }
      double m = 0;
      double v = 0;
      for (double[] row : z) {
        m += row[j];
        v += row[j] * row[j];
      }
      assertEquals(0, m / z.length, 1e-14);
      assertEquals(1, v / z.length, 1e-13);
    }
  }
}
