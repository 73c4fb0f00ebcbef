package org.mnist1d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Interpolation, Gaussian filter and templates against the reference (NumPy/SciPy) outputs. */
class BuildingBlocksTest {

  @Test
  void interpolationMatchesReference() {
    int i = 0;
    for (JsonNode c : ReferenceVectors.load("interpolate.json").get("cases")) {
      double[] got =
          LinearInterpolation.interpolate(
              ReferenceVectors.doubles(c.get("in")), c.get("n").asInt());
      ReferenceVectors.assertClose(
          ReferenceVectors.doubles(c.get("out")), got, 1e-12, "interpolate case " + i++);
    }
  }

  @Test
  void interpolationKeepsExactZerosAndEndpoints() {
    double[] x = {1.5, 0, 0, 0, 0, -2};
    double[] y = LinearInterpolation.interpolate(x, 11); // grid points 0.2 apart hit 0.2*k
    assertEquals(1.5, y[0], 0.0);
    assertEquals(-2, y[10], 0.0);
    assertEquals(0.0, y[4], 0.0);
    assertEquals(0.0, y[5], 0.0);
  }

  @Test
  void gaussianFilterMatchesScipyIncludingInputsShorterThanTheRadius() {
    JsonNode ref = ReferenceVectors.load("gaussian-filter.json");
    assertEquals(2.0, ref.get("sigma").asDouble());
    int i = 0;
    for (JsonNode c : ref.get("cases")) {
      double[] got = GaussianFilter.filter(ReferenceVectors.doubles(c.get("in")), 2.0);
      ReferenceVectors.assertClose(
          ReferenceVectors.doubles(c.get("out")), got, 1e-12, "gaussian_filter case " + i++);
    }
  }

  @Test
  void reflectionRepeatsWithPeriodTwoN() {
    // n = 3: ... v2 v1 v0 v0 v1 v2 v2 v1 v0 v0 v1 ...
    int[] expected = {1, 2, 2, 1, 0, 0, 1, 2, 2, 1, 0, 0, 1};
    for (int m = -5; m <= 7; m++) {
      assertEquals(expected[m + 5], GaussianFilter.reflect(m, 3), "m=" + m);
    }
  }

  @Test
  void templatesMatchReference() {
    JsonNode ref = ReferenceVectors.load("templates.json");
    ReferenceVectors.assertClose(
        ReferenceVectors.matrix(ref.get("x")), Templates.x(), 1e-12, "templates x");
    ReferenceVectors.assertClose(
        ReferenceVectors.doubles(ref.get("t")), Templates.t(), 1e-15, "templates t");
    assertArrayEquals(ReferenceVectors.ints(ref.get("y")), Templates.y());
  }
}
