package org.mnist1d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Whole datasets against the Python reference: labels identical, every value within 1e-9. */
class Mnist1dTest {
  private static final double TOL = 1e-9;

  @Test
  void defaultArgumentsWith200Samples() {
    check("dataset-default-n200.json");
  }

  @Test
  void shuffledPositionsSeed7() {
    check("dataset-shuffled-n100-seed7.json");
  }

  @Test
  void oddPaddingCarriesTheGaussianCacheBetweenExamples() {
    check("dataset-oddpad-n105.json");
  }

  @Test
  void defaultShapesAndDeterminism() {
    Mnist1dData a = Mnist1d.generate(Mnist1dArgs.defaults());
    assertEquals(4000, a.x().length);
    assertEquals(1000, a.xTest().length);
    assertEquals(40, a.x()[0].length);
    assertEquals(40, a.t().length);
    assertEquals(5000, a.y().length + a.yTest().length);
    Mnist1dData b = Mnist1d.generate(Mnist1dArgs.defaults());
    assertArrayEquals(a.x()[1234], b.x()[1234], 0.0);
    assertArrayEquals(a.yTest(), b.yTest());
  }

  private static void check(String file) {
    JsonNode ref = ReferenceVectors.load(file);
    Mnist1dArgs args = ReferenceVectors.args(ref.get("args"));
    Mnist1dData d = Mnist1d.generate(args);
    assertArrayEquals(ReferenceVectors.ints(ref.get("y")), d.y(), file + ": y");
    assertArrayEquals(ReferenceVectors.ints(ref.get("y_test")), d.yTest(), file + ": y_test");
    ReferenceVectors.assertClose(ReferenceVectors.matrix(ref.get("x")), d.x(), TOL, file + ": x");
    ReferenceVectors.assertClose(
        ReferenceVectors.matrix(ref.get("x_test")), d.xTest(), TOL, file + ": x_test");
    ReferenceVectors.assertClose(ReferenceVectors.doubles(ref.get("t")), d.t(), TOL, file + ": t");
  }
}
