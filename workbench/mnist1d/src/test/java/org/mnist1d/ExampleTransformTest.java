package org.mnist1d;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The first example of the default dataset, step by step against the reference trace: a mismatch
 * names the step. Each step starts from the reference's previous output, so one wrong step does not
 * hide the others.
 */
class ExampleTransformTest {
  private static final double TOL = 1e-12;

  @Test
  void everyStepMatchesTheReferenceTrace() {
    JsonNode ref = ReferenceVectors.load("transform-trace.json");
    JsonNode steps = ref.get("steps");
    Mnist1dArgs args = ReferenceVectors.args(ref.get("args"));
    double[] template = Templates.x()[ref.get("template").asInt()];
    ExampleTransform tf = new ExampleTransform(args);
    LegacyRandom rng = new LegacyRandom(args.seed());

    double[] padded = new double[Templates.LENGTH + args.paddingHigh()];
    int length = tf.pad(rng, template, padded);
    ReferenceVectors.assertClose(step(steps, "pad"), Arrays.copyOf(padded, length), TOL, "pad");

    double[] s = new double[tf.dilatedLength()];
    double[] refPad = step(steps, "pad");
    tf.dilate(refPad, refPad.length, s);
    ReferenceVectors.assertClose(step(steps, "dilate"), s, TOL, "dilate");

    s = step(steps, "dilate");
    tf.scale(rng, s);
    ReferenceVectors.assertClose(step(steps, "scale"), s, TOL, "scale");

    s = step(steps, "scale");
    tf.translate(rng, s);
    ReferenceVectors.assertClose(step(steps, "translate"), s, 0.0, "translate");

    s = step(steps, "translate");
    tf.corrNoise(rng, s);
    ReferenceVectors.assertClose(step(steps, "corr_noise"), s, TOL, "corr_noise");

    s = step(steps, "corr_noise");
    tf.iidNoise(rng, s);
    ReferenceVectors.assertClose(step(steps, "iid_noise"), s, TOL, "iid_noise");

    s = step(steps, "iid_noise");
    tf.shear(rng, s);
    ReferenceVectors.assertClose(step(steps, "shear"), s, TOL, "shear");

    double[] out = new double[args.finalSeqLength()];
    tf.subsample(step(steps, "shear"), out);
    ReferenceVectors.assertClose(step(steps, "subsample"), out, TOL, "subsample");
  }

  @Test
  void applyRunsTheSameStepsInOneGo() {
    JsonNode ref = ReferenceVectors.load("transform-trace.json");
    Mnist1dArgs args = ReferenceVectors.args(ref.get("args"));
    double[] out = new double[args.finalSeqLength()];
    new ExampleTransform(args).apply(new LegacyRandom(args.seed()), Templates.x()[0], out);
    ReferenceVectors.assertClose(step(ref.get("steps"), "subsample"), out, TOL, "apply");
  }

  @Test
  void translationByAtLeastTheLengthLeavesTheSignalAsNumpyDoes() {
    // max_translation 100 > 72 points: numpy's concat(s[-k:], s[:-k]) is s itself for k >= len.
    Mnist1dArgs args =
        Mnist1dArgs.defaults().withSettings(java.util.List.of("max_translation=100"));
    ExampleTransform tf = new ExampleTransform(args);
    int n = tf.dilatedLength();
    for (long seed = 0; seed < 200; seed++) {
      LegacyRandom probe = new LegacyRandom(seed);
      int k = probe.choice(100);
      double[] s = new double[n];
      for (int i = 0; i < n; i++) {
        s[i] = i;
      }
      tf.translate(new LegacyRandom(seed), s);
      double expectedFirst = k == 0 || k >= n ? 0 : n - k;
      assertEquals(expectedFirst, s[0], "seed " + seed + ", k=" + k);
    }
  }

  private static double[] step(JsonNode steps, String name) {
    return ReferenceVectors.doubles(steps.get(name));
  }
}
