package org.mnist1d.workbench.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.workbench.cli.UserError;

/** Tiny end-to-end runs: outputs, summary keys, and a killed run resumed to the same numbers. */
class MetaExperimentsTest {
  static final String LR = "experiment: metalearn-lr\nseed: 3\ndataset: {num_samples: 300}\n"
      + "params: {hidden: 6, batch: 20, inner_steps: 8, outer_steps: 4}\nsweep:\n  initial_lr: [0.5, 0.05]\n";
  static final String ACT = "experiment: metalearn-activation\nseed: 1\ndataset: {num_samples: 300}\n"
      + "params: {hidden: 8, batch: 20, inner_steps: 6, meta_loss_steps: 4, activation_hidden: 5, test_examples: 40,"
      + " outer_steps: 4, baselines: [relu, tanh], fit_pieces: 3}\n";

  /** A log that "kills" the run (throws) once it has printed outer step {@code k}. */
  private static PrintStream killingAfter(int k) {
    return new PrintStream(OutputStream.nullOutputStream()) {
      @Override
      public PrintStream printf(java.util.Locale l, String format, Object... args) {
        if (format.contains("outer step") && ((Integer) args[1]) == k) {
          throw new IllegalStateException("killed");
        }
        return this;
      }
    };
  }

  private static JsonNode summary(Path dir) throws Exception {
    return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
  }

  @Test
  void learningRateSweepWritesBothTrialsAndResumesExactly(@TempDir Path tmp) throws Exception {
    Path config = Files.writeString(tmp.resolve("lr.yaml"), LR);
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Path whole = MetaExperiments.run(config, tmp.resolve("a"), null, quiet);
    JsonNode s = summary(whole.resolve("initial_lr=0.5"));
    assertEquals(0.5, s.at("/params/initial_lr").asDouble());
    assertTrue(s.at("/results/final_meta_loss").isNumber());
    assertEquals(4, s.at("/results/outer_steps").asInt());
    assertTrue(Files.exists(whole.resolve("report/learning_rate.png")));
    assertEquals(4, Files.readAllLines(whole.resolve("initial_lr=0.05/metrics.csv")).size() - 1);

    Path killedRoot = tmp.resolve("b");
    assertThrows(IllegalStateException.class, () -> MetaExperiments.run(config, killedRoot, null, killingAfter(1)));
    Path killed = Files.list(killedRoot).findFirst().orElseThrow();
    assertEquals("running", new OuterRunFiles(killed.resolve("initial_lr=0.5"), LearningRateExperiment.COLUMNS).state());
    MetaExperiments.run(config, null, killed, quiet);
    for (String trial : new String[] {"initial_lr=0.5", "initial_lr=0.05"}) {
      assertEquals(summary(whole.resolve(trial)).get("results"), summary(killed.resolve(trial)).get("results"));
      assertEquals(Files.readAllLines(whole.resolve(trial).resolve("metrics.csv")).size(),
          Files.readAllLines(killed.resolve(trial).resolve("metrics.csv")).size());
    }
  }

  @Test
  void activationRunReportsBaselinesAndFitAndResumesExactly(@TempDir Path tmp) throws Exception {
    Path config = Files.writeString(tmp.resolve("act.yaml"), ACT);
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Path whole = MetaExperiments.run(config, tmp.resolve("a"), null, quiet);
    JsonNode r = summary(whole).get("results");
    for (String key : new String[] {"final_meta_loss", "final_test_acc", "fit_test_acc"}) {
      assertTrue(r.get(key).isNumber(), key);
    }
    assertTrue(r.at("/baselines/relu/mean_inner_loss").isNumber());
    assertTrue(r.at("/baselines/tanh/test_acc").isNumber());
    assertEquals(5, Files.readAllLines(whole.resolve("activation.csv")).size());
    assertTrue(Files.exists(whole.resolve("report/fit.png")));

    Path killedRoot = tmp.resolve("b");
    assertThrows(IllegalStateException.class, () -> MetaExperiments.run(config, killedRoot, null, killingAfter(2)));
    Path killed = Files.list(killedRoot).findFirst().orElseThrow();
    MetaExperiments.run(config, null, killed, quiet);
    JsonNode resumed = summary(killed).get("results");
    for (String key : new String[] {"final_meta_loss", "final_test_acc", "fit_test_acc", "baselines"}) {
      assertEquals(r.get(key), resumed.get(key), key);
    }
    assertEquals(Files.readAllLines(whole.resolve("metrics.csv")).size(),
        Files.readAllLines(killed.resolve("metrics.csv")).size());
  }

  @Test
  void configMistakesNameFileAndKey(@TempDir Path tmp) throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad.yaml"), "experiment: metalearn-lr\nparams: {hiden: 5}\n");
    UserError e = assertThrows(UserError.class, () -> MetaExperiments.run(bad, tmp, null, System.out));
    assertTrue(e.getMessage().contains("bad.yaml") && e.getMessage().contains("params.hiden"), e.getMessage());
    Path wrongType = Files.writeString(tmp.resolve("t.yaml"), "experiment: metalearn-lr\nparams: {outer_steps: many}\n");
    e = assertThrows(UserError.class, () -> MetaExperiments.run(wrongType, tmp, null, System.out));
    assertTrue(e.getMessage().contains("params.outer_steps") && e.getMessage().contains("integer"), e.getMessage());
    assertEquals(2, Files.list(tmp).count(), "no run directory for a bad config");
  }

  @Test
  void divergenceFailsTheRunNamingStepsAndKeepsEarlierRows(@TempDir Path tmp) throws Exception {
    // an absurd outer step sends the learning rate to -1e307 after outer step 0
    Path config = Files.writeString(tmp.resolve("div.yaml"), "experiment: metalearn-lr\ndataset: {num_samples: 300}\n"
        + "params: {hidden: 6, batch: 20, inner_steps: 8, outer_steps: 4, outer_lr: 1.0e308, initial_lr: 0.5}\n");
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    OuterLoop.Diverged d = assertThrows(OuterLoop.Diverged.class, () -> MetaExperiments.run(config, tmp.resolve("r"), null, quiet));
    assertEquals(1, d.outerStep());
    Path dir = Files.list(tmp.resolve("r")).findFirst().orElseThrow();
    JsonNode status = new ObjectMapper().readTree(dir.resolve("status.json").toFile());
    assertEquals("failed", status.get("state").asText());
    assertTrue(status.get("reason").asText().matches("diverged at outer step 1, inner step \\d+: inner loss is .*"),
        status.get("reason").asText());
    assertEquals(2, Files.readAllLines(dir.resolve("metrics.csv")).size(), "header and outer step 0 are kept");
  }
}
