package org.mnist1d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** NumPy's legacy generator, call by call, against values taken from NumPy itself. */
class LegacyRandomTest {

  @Test
  void seed42MatchesNumpyCallByCall() {
    replay(ReferenceVectors.load("rng-seed42.json"));
  }

  @Test
  void seed0MatchesNumpyIncludingALongPermutation() {
    replay(ReferenceVectors.load("rng-seed0.json"));
  }

  @Test
  void reseedingClearsTheGaussianCache() {
    LegacyRandom a = new LegacyRandom(5);
    a.randn(); // leaves a cached value
    a.seed(5);
    LegacyRandom b = new LegacyRandom(5);
    assertEquals(b.randn(), a.randn());
    assertEquals(b.rand(), a.rand());
  }

  @Test
  void rejectsSeedsNumpyRejects() {
    assertThrows(IllegalArgumentException.class, () -> new LegacyRandom(-1));
    assertThrows(IllegalArgumentException.class, () -> new LegacyRandom(1L << 32));
    new LegacyRandom((1L << 32) - 1).rand(); // the largest seed works
  }

  private static void replay(JsonNode ref) {
    LegacyRandom rng = new LegacyRandom(ref.get("seed").asLong());
    int index = 0;
    for (JsonNode call : ref.get("calls")) {
      String name = call.get("call").asText();
      int n = call.get("n").asInt();
      JsonNode out = call.get("out");
      String what = "call " + index++ + " (" + name + " " + n + ")";
      switch (name) {
        case "rand" -> {
          double[] got = new double[n];
          for (int i = 0; i < n; i++) {
            got[i] = rng.rand();
          }
          assertArrayEquals(ReferenceVectors.doubles(out), got, 0.0, what);
        }
        case "randn" -> {
          double[] got = new double[n];
          rng.randn(got, n, 1.0);
          ReferenceVectors.assertClose(ReferenceVectors.doubles(out), got, 1e-15, what);
        }
        case "choice" -> {
          int[] got = new int[call.get("repeat").asInt()];
          for (int i = 0; i < got.length; i++) {
            got[i] = rng.choice(n);
          }
          assertArrayEquals(ReferenceVectors.ints(out), got, what);
        }
        case "permutation" ->
            assertArrayEquals(ReferenceVectors.ints(out), rng.permutation(n), what);
        default -> throw new AssertionError("unknown call in reference: " + name);
      }
    }
  }
}
