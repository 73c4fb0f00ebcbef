package org.mnist1d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code label_noise} against the labels the double-descent notebook's procedure gives in Python
 * (reference/label-noise-*.json, see the README there): identical noisy labels, clean test labels,
 * and the random stream left where NumPy leaves it.
 */
class LabelNoiseTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "label-noise-n16000-p0.15.json",
        "label-noise-n200-p0.3.json",
        "label-noise-n100-p1.0.json"
      })
  void noisyLabelsAreThePythonGeneratorsOnes(String file) {
    JsonNode ref = ReferenceVectors.load(file);
    double p = ref.get("p").asDouble();
    Mnist1dArgs args = ReferenceVectors.args(ref.get("args")).with(Map.of("label_noise", p));
    Mnist1dData noisy = Mnist1d.generate(args);
    assertArrayEquals(ReferenceVectors.ints(ref.get("y_noisy")), noisy.y(), file + ": y_noisy");
    assertEquals(ref.get("n_test").asInt(), noisy.yTest().length);
    assertArrayEquals(
        ReferenceVectors.ints(ref.get("y_test_first10")),
        java.util.Arrays.copyOf(noisy.yTest(), 10),
        file + ": test labels stay clean");
    ReferenceVectors.assertClose(
        ReferenceVectors.doubles(ref.get("x_first")), noisy.x()[0], 1e-9, file + ": x[0]");
    ReferenceVectors.assertClose(
        ReferenceVectors.doubles(ref.get("x_test_first")),
        noisy.xTest()[0],
        1e-9,
        file + ": x_test[0]");

    Mnist1dData clean = Mnist1d.generate(args.with(Map.of("label_noise", 0)));
    assertArrayEquals(ReferenceVectors.ints(ref.get("y_clean")), clean.y(), file + ": y_clean");
    assertArrayEquals(clean.yTest(), noisy.yTest(), "noise never touches the test labels");
    assertArrayEquals(clean.x()[7], noisy.x()[7], 0.0, "nor the inputs");
    int changed = 0;
    for (int i = 0; i < clean.y().length; i++) {
      changed += clean.y()[i] != noisy.y()[i] ? 1 : 0;
    }
    assertEquals(ref.get("changed").asInt(), changed, file + ": labels changed");
  }

  /**
   * The stream position after the loop: redrawn draws and where the next sample would come from.
   */
  @ParameterizedTest
  @ValueSource(strings = {"label-noise-n200-p0.3.json", "label-noise-n100-p1.0.json"})
  void theStreamEndsWhereNumpysDoes(String file) {
    JsonNode ref = ReferenceVectors.load(file);
    double p = ref.get("p").asDouble();
    int[] labels = ReferenceVectors.ints(ref.get("y_clean"));
    LegacyRandom replay = streamAfterDataset(ReferenceVectors.args(ref.get("args")));
    Mnist1d.redrawLabels(replay, labels, p);
    assertArrayEquals(ReferenceVectors.ints(ref.get("y_noisy")), labels);
    assertEquals(ref.get("next_random_sample").asDouble(), replay.rand(), 0.0);
  }

  /** A generator in the state {@link Mnist1d#generate} leaves it: the same draws, made again. */
  private static LegacyRandom streamAfterDataset(Mnist1dArgs args) {
    LegacyRandom rng = new LegacyRandom(args.seed());
    ExampleTransform transform = new ExampleTransform(args);
    double[][] templates = Templates.x();
    double[] out = new double[args.finalSeqLength()];
    for (int label = 0; label < Templates.CLASSES; label++) {
      for (int e = 0; e < args.numSamples() / Templates.CLASSES; e++) {
        transform.apply(rng, templates[label], out);
      }
    }
    rng.permutation(args.count());
    if (args.shuffleSeq()) {
      rng.permutation(args.finalSeqLength());
    }
    return rng;
  }

  @Test
  void zeroNoiseIsTheCleanDatasetAndKeepsItsCacheKey() {
    Mnist1dArgs clean = Mnist1dArgs.parse(List.of("num_samples=100"));
    Mnist1dArgs zero = clean.withSettings(List.of("label_noise=0"));
    assertEquals(clean, zero);
    assertEquals(clean.canonical(), zero.canonical());
    assertTrue(!clean.canonical().contains("label_noise"), clean.canonical());
    Mnist1dArgs noisy = clean.withSettings(List.of("label_noise=0.25"));
    assertTrue(noisy.canonical().endsWith(";seed=42;label_noise=0.25"), noisy.canonical());
  }

  @Test
  void outOfRangeNoiseIsOneLineNamingTheArgument() {
    for (String bad : List.of("-0.1", "1.5", "NaN", "lots")) {
      Mnist1dArgumentException e =
          assertThrows(
              Mnist1dArgumentException.class,
              () -> Mnist1dArgs.parse(List.of("label_noise=" + bad)));
      assertEquals("label_noise", e.argument());
      assertTrue(
          e.getMessage().startsWith("dataset argument label_noise: expected a"), e.getMessage());
    }
  }
}
