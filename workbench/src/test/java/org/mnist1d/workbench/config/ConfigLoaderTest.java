package org.mnist1d.workbench.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.workbench.experiment.Config;
import org.mnist1d.workbench.experiment.ConfigError;
import org.mnist1d.workbench.experiment.Experiments;

/** Loading experiment files: defaults, overrides, sweeps, and one-line errors with their place. */
class ConfigLoaderTest {
  @TempDir Path dir;

  private final ConfigLoader loader = new ConfigLoader(Experiments.all());

  private Path file(String yaml) throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private String error(String yaml, String... overrides) throws Exception {
    Path f = file(yaml);
    ConfigError e = assertThrows(ConfigError.class, () -> loader.load(f, List.of(overrides)));
    assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
    return e.getMessage().replace(f.toString(), "F");
  }

  @Test
  void fillsEveryDefault() throws Exception {
    List<ConfigLoader.Point> points = loader.load(file("experiment: quickstart\n"), List.of());
    assertEquals(1, points.size());
    Config c = points.get(0).config();
    assertEquals(300, c.integer("training.steps"));
    assertEquals(0.01, c.number("training.lr"));
    assertEquals(42, c.seed());
    assertEquals("auto", c.device());
    assertEquals(5000, c.dataset().numSamples());
    assertEquals(Map.of(), points.get(0).params());
    assertTrue(c.toYaml().contains("steps: 300"), c.toYaml());
  }

  @Test
  void overridesReachAnyKeyAndParseYamlValues() throws Exception {
    Config c =
        loader
            .load(
                file("experiment: quickstart\ntraining: {steps: 10}\n"),
                List.of(
                    "training.steps=7",
                    "model=cnn",
                    "dataset.padding=[30, 40]",
                    "training.lr=1e-3"))
            .get(0)
            .config();
    assertEquals(7, c.integer("training.steps"));
    assertEquals("cnn", c.string("model"));
    assertEquals(30, c.dataset().paddingLow());
    assertEquals(40, c.dataset().paddingHigh());
    assertEquals(0.001, c.number("training.lr"));
  }

  @Test
  void sweepExpandsTheGridTimesSeedsWithParams() throws Exception {
    List<ConfigLoader.Point> points =
        loader.load(
            file(
                String.join(
                    "\n",
                    "experiment: quickstart",
                    "sweep:",
                    "  grid:",
                    "    model: [logistic, mlp]",
                    "    training.lr: [0.1, 0.01]",
                    "  seeds: [1, 2]",
                    "")),
            List.of());
    assertEquals(8, points.size());
    assertEquals(Map.of("model", "logistic", "lr", 0.1, "seed", 1L), points.get(0).params());
    assertEquals(Map.of("model", "mlp", "lr", 0.01, "seed", 2L), points.get(7).params());
    assertEquals("mlp", points.get(7).config().string("model"));
    assertEquals(2, points.get(7).config().seed());
    // a sweep can be set from the command line too
    assertEquals(
        3, loader.load(file("experiment: quickstart\n"), List.of("sweep.seeds=[4, 5, 6]")).size());
  }

  @Test
  void yamlSyntaxErrorNamesLineAndColumn() throws Exception {
    String e = error("experiment: quickstart\ntraining:\n  steps: [1, 2\n");
    assertTrue(
        e.startsWith("F:4:1: YAML syntax error") || e.matches("F:\\d+:\\d+: YAML syntax error.*"),
        e);
  }

  @Test
  void unknownKeySuggestsTheClosest() throws Exception {
    assertEquals(
        "F:3:3: training.setps: unknown key (did you mean 'steps'?); expected one of steps, batch, optimizer, lr, eval_every, checkpoint_every",
        error("experiment: quickstart\ntraining:\n  setps: 3\n"));
    assertTrue(
        error("experiment: quickstart\ntrainig: {}\n")
            .startsWith("F:2:1: trainig: unknown key (did you mean 'training'?)"));
  }

  @Test
  void wrongTypesAreNamed() throws Exception {
    assertEquals(
        "F:2:19: training.steps: expected an integer, got 'many'",
        error("experiment: quickstart\ntraining: {steps: many}\n"));
    assertEquals(
        "F:2:16: training.lr: expected a number, got true",
        error("experiment: quickstart\ntraining: {lr: true}\n"));
    assertEquals(
        "F:2:11: training: expected a section of keys, got 3",
        error("experiment: quickstart\ntraining: 3\n"));
    assertEquals(
        "F:2:8: model: expected one of logistic, mlp, cnn, gru, got 'gpt' (did you mean 'gru'?)",
        error("experiment: quickstart\nmodel: gpt\n"));
  }

  @Test
  void outOfRangeValuesPointAtTheirPlace() throws Exception {
    assertEquals(
        "F:3:10: training.steps: expected an integer >= 1, got 0",
        error("experiment: quickstart\ntraining:\n  steps: 0\n"));
    assertEquals(
        "F:2:9: device: expected one of auto, cpu, gpu, got 'cuda'",
        error("experiment: quickstart\ndevice: cuda\n"));
    String e = error("experiment: quickstart\ndataset:\n  num_samples: 3\n");
    assertTrue(e.startsWith("F:3:16: dataset.num_samples: expected an integer >= 10"), e);
  }

  @Test
  void unknownExperimentListsTheKnownOnes() throws Exception {
    String e = error("experiment: quikstart\n");
    assertTrue(
        e.startsWith(
            "F:1:13: experiment: unknown experiment 'quikstart'; expected one of quickstart"),
        e);
    assertTrue(e.endsWith("(did you mean 'quickstart'?)"), e);
    assertTrue(error("seed: 1\n").startsWith("F:1:1: experiment: missing"));
  }

  @Test
  void malformedOverridesAreOneLine() throws Exception {
    assertEquals(
        "--set training.steps: expected path.to.key=VALUE, e.g. training.steps=500",
        error("experiment: quickstart\n", "training.steps"));
    assertEquals(
        "--set training.lr=fast: training.lr: expected a number, got 'fast'",
        error("experiment: quickstart\n", "training.lr=fast"));
    assertTrue(
        error("experiment: quickstart\n", "training.nope=1")
            .startsWith("--set training.nope=1: training.nope: unknown key"));
  }

  @Test
  void badSweepsAreNamed() throws Exception {
    assertTrue(
        error("experiment: quickstart\nsweep: {grid: {training.stepz: [1]}}\n")
            .startsWith(
                "F:2:16: sweep.grid.training.stepz: no such config key under training (did you mean 'steps'?)"));
    assertEquals(
        "F:2:32: sweep.grid.training.steps: expected a non-empty list of values",
        error("experiment: quickstart\nsweep: {grid: {training.steps: 5}}\n"));
    assertTrue(
        error("experiment: quickstart\nsweep: {seed: [1]}\n")
            .startsWith("F:2:9: sweep.seed: unknown key (did you mean 'seeds'?)"));
  }
}
