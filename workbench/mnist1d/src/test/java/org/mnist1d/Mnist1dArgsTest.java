package org.mnist1d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Arguments from maps (experiment YAML) and NAME=VALUE strings, with their error messages. */
class Mnist1dArgsTest {

  @Test
  void emptyMapGivesTheDefaults() {
    assertEquals(Mnist1dArgs.defaults(), Mnist1dArgs.fromMap(Map.of()));
    assertEquals(Mnist1dArgs.NAMES, List.copyOf(Mnist1dArgs.defaultValues().keySet()));
  }

  @Test
  void yamlLikeValuesAreAccepted() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("num_samples", 10000);
    m.put("padding", List.of(30, 61));
    m.put("shuffle_seq", true);
    m.put("train_split", 0.75);
    m.put("scale_coeff", 1); // an integer where a number is expected is fine
    m.put("seed", 4294967295L);
    Mnist1dArgs a = Mnist1dArgs.fromMap(m);
    assertEquals(10000, a.numSamples());
    assertEquals(30, a.paddingLow());
    assertEquals(61, a.paddingHigh());
    assertTrue(a.shuffleSeq());
    assertEquals(1.0, a.scaleCoeff());
    assertEquals(4294967295L, a.seed());
    assertEquals(a, Mnist1dArgs.fromMap(a.toMap()), "toMap round-trips");
  }

  @Test
  void settingsMatchTheMapForm() {
    Mnist1dArgs a = Mnist1dArgs.parse(List.of("padding=30,61", "shuffle_seq=true", "seed=7"));
    assertEquals(
        Mnist1dArgs.fromMap(Map.of("padding", List.of(30, 61), "shuffle_seq", true, "seed", 7)), a);
  }

  @Test
  void errorsNameTheArgumentAndWhatIsAllowed() {
    assertMessage(Map.of("seeds", 3), "unknown dataset argument 'seeds' (did you mean seed?)");
    assertMessage(
        Map.of("padding", List.of(36)), "dataset argument padding: expected two integers");
    assertMessage(
        Map.of("padding", List.of(36, 60, 70)), "dataset argument padding: expected two integers");
    assertMessage(
        Map.of("padding", Map.of("low", 1)),
        "dataset argument padding: expected two integers low,high");
    assertMessage(
        Map.of("num_samples", 5000.0), "dataset argument num_samples: expected an integer");
    assertMessage(Map.of("shuffle_seq", 1), "dataset argument shuffle_seq: expected true or false");
    assertMessage(
        Map.of("train_split", "0.8x"),
        "dataset argument train_split: expected a number, got '0.8x'");
    assertMessage(
        Map.of("zzzzzzzzzzzz", 1), "unknown dataset argument 'zzzzzzzzzzzz'; known: num_samples,");
  }

  @Test
  void canonicalStringIsStableAndDistinguishesArguments() {
    assertEquals(
        "num_samples=5000;train_split=0.8;template_len=12;padding=36,60;scale_coeff=0.4;max_translation=48;"
            + "corr_noise_scale=0.25;iid_noise_scale=0.02;shear_scale=0.75;shuffle_seq=false;final_seq_length=40;seed=42",
        Mnist1dArgs.defaults().canonical(),
        "the line, and so the cache file, of a clean dataset as before label_noise existed");
  }

  private static void assertMessage(Map<String, ?> m, String start) {
    Mnist1dArgumentException e =
        assertThrows(Mnist1dArgumentException.class, () -> Mnist1dArgs.fromMap(m));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }
}
