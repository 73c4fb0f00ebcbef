package org.mnist1d.workbench.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.workbench.cli.CommandRun;

/**
 * Tiny pooling and double-descent sweeps through {@code workbench run}: the derived dataset, the
 * reference harness's step numbering, results, exact resume, and one-line errors for bad values
 * before any run starts.
 */
class PoolingAndDoubleDescentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  static final String POOLING =
      String.join(
          "\n",
          "experiment: pooling",
          "channels: 4",
          "test_size: 100",
          "training: {steps: 30, eval_every: 10, checkpoint_every: 10}",
          "sweep:",
          "  grid:",
          "    train_size: [100, 200]",
          "    pool: [stride_2, l2_pool]",
          "");

  static final String DD =
      String.join(
          "\n",
          "experiment: double-descent",
          "seed: 5",
          "dataset: {num_samples: 1280}",
          "training: {epochs: 6, eval_every: 2, checkpoint_every: 2}",
          "sweep:",
          "  grid:",
          "    model: [mlp, cnn]",
          "    width: [3]",
          "    dataset.label_noise: [0.3]",
          "");

  private static JsonNode json(Path f) throws Exception {
    return JSON.readTree(f.toFile());
  }

  /** The run directories under {@code root} (not the sweep's reports/). */
  private static List<Path> dirs(Path root) throws Exception {
    try (var s = Files.list(root)) {
      return s.filter(Files::isDirectory)
          .filter(d -> !d.getFileName().toString().equals("reports"))
          .sorted()
          .toList();
    }
  }

  @Test
  void poolingDerivesTheDatasetAndFollowsTheReferenceHarness() throws Exception {
    Path config = Files.writeString(tmp.resolve("p.yaml"), POOLING);
    CommandRun out =
        CommandRun.of(
            "run", config.toString(), "--runs-dir", tmp.resolve("a").toString(), "--quiet");
    assertEquals(0, out.code(), out.err());
    List<Path> runs = dirs(tmp.resolve("a"));
    assertEquals(4, runs.size(), out.err());
    for (Path d : runs) {
      JsonNode s = json(d.resolve("summary.json"));
      assertEquals("done", s.get("status").asText(), s.toString());
      int n = s.at("/params/train_size").asInt();
      String yaml = Files.readString(d.resolve("config.yaml"));
      assertTrue(yaml.contains("num_samples: " + (n + 100)), yaml);
      assertEquals(n, s.at("/results/train_examples").asInt());
      assertEquals(100, s.at("/results/test_examples").asInt());
      assertEquals(31, s.at("/results/updates").asInt(), "steps + 1 updates");
      assertEquals(0, s.at("/results/init_seed").asInt());
      assertEquals(
          4 * 3 + 4 + 4 * 4 * 3 + 4 + 10 * 4 * 10 + 10, s.at("/results/parameters").asInt());
      List<String> rows = Files.readAllLines(d.resolve("metrics.csv"));
      assertEquals("step,train_loss,train_acc,test_loss,test_acc", rows.get(0));
      assertEquals(
          List.of("0", "10", "20", "30"),
          rows.subList(1, rows.size()).stream().map(r -> r.split(",")[0]).toList());
      double acc = s.at("/results/test_acc").asDouble();
      assertTrue(acc > 0 && acc <= 100, s.toString());
      assertTrue(Files.exists(d.resolve("report/accuracy.png")));
    }
  }

  @Test
  void stoppedRunsResumeToTheSameNumbers() throws Exception {
    String onePooling =
        POOLING
            .replace("[100, 200]", "[200]")
            .replace("[stride_2, l2_pool]", "[l2_pool]")
            .replace("steps: 30", "steps: 300")
            .replace("eval_every: 10", "eval_every: 20");
    String oneDd = DD.replace("[mlp, cnn]", "[cnn]").replace("epochs: 6", "epochs: 30");
    for (String text : List.of(onePooling, oneDd)) {
      String name = text.startsWith("experiment: pooling") ? "pooling" : "dd";
      Path config = Files.writeString(tmp.resolve(name + ".yaml"), text);
      CommandRun.of(
          "run",
          config.toString(),
          "--runs-dir",
          tmp.resolve(name + "-whole").toString(),
          "--quiet");
      Path whole = dirs(tmp.resolve(name + "-whole")).get(0);
      Path stopped = CommandRun.interruptedRun(config, tmp.resolve(name + "-stopped"), 4);
      assertFalse(
          json(stopped.resolve("summary.json")).get("status").asText().equals("done"),
          name + ": the stopped run is not done");
      CommandRun resumed = CommandRun.of("run", "--resume", stopped.toString(), "--quiet");
      assertEquals(0, resumed.code(), resumed.err());
      assertEquals(
          json(whole.resolve("summary.json")).get("results"),
          json(stopped.resolve("summary.json")).get("results"),
          name);
      assertEquals(
          Files.readAllLines(whole.resolve("metrics.csv")),
          Files.readAllLines(stopped.resolve("metrics.csv")),
          name);
    }
  }

  @Test
  void doubleDescentRecordsErrorsSeedAndNoise() throws Exception {
    Path config = Files.writeString(tmp.resolve("dd.yaml"), DD);
    CommandRun out =
        CommandRun.of(
            "run", config.toString(), "--runs-dir", tmp.resolve("a").toString(), "--quiet");
    assertEquals(0, out.code(), out.err());
    List<Path> runs = dirs(tmp.resolve("a"));
    assertEquals(2, runs.size());
    for (Path d : runs) {
      JsonNode s = json(d.resolve("summary.json"));
      assertEquals("done", s.get("status").asText(), s.toString());
      assertEquals(0.3, s.at("/params/label_noise").asDouble());
      assertEquals(5, s.at("/results/seed").asInt());
      assertEquals(6 * 4, s.at("/results/steps").asInt(), "320 examples, batch 100: 4 per epoch");
      JsonNode r = s.get("results");
      for (String k :
          List.of("train_error", "test_error", "train_loss", "test_loss", "parameters")) {
        assertTrue(r.get(k).isNumber(), k + " in " + r);
      }
      List<String> rows = Files.readAllLines(d.resolve("metrics.csv"));
      assertEquals("epoch,step,train_loss,train_error,test_loss,test_error", rows.get(0));
      assertEquals(
          List.of("2", "4", "6"),
          rows.subList(1, rows.size()).stream().map(x -> x.split(",")[0]).toList());
      String last = rows.get(rows.size() - 1);
      assertEquals(r.get("test_error").asDouble(), Double.parseDouble(last.split(",")[5]), 0.0);
    }
  }

  @Test
  void badValuesAreOneLineBeforeAnyRun() throws Exception {
    Path runs = tmp.resolve("runs");
    Path p = Files.writeString(tmp.resolve("p.yaml"), POOLING);
    Path d = Files.writeString(tmp.resolve("d.yaml"), DD);
    Path noisy = Files.writeString(tmp.resolve("n.yaml"), DD.replace("[0.3]", "[0.15, 1.5]"));
    String[][] cases = {
      {
        p.toString(),
        "sweep.grid.pool=[max_pol]",
        "pool: expected one of no_pool, stride_2, max_pool, avg_pool, l2_pool, got 'max_pol' (did you mean 'max_pool'?)"
      },
      {p.toString(), "sweep.grid.pool=[no_pool, maxpool]", "pool: expected one of"},
      {p.toString(), "sweep.grid.train_size=[0]", "train_size: expected an integer >= 1, got 0"},
      {p.toString(), "test_size=95", "train_size + test_size must be a multiple of 10"},
      {
        p.toString(),
        "dataset.num_samples=5000",
        "dataset.num_samples: is derived by the pooling experiment"
      },
      {d.toString(), "sweep.grid.width=[0]", "width: expected an integer >= 1, got 0"},
      {noisy.toString(), "seed=1", "dataset.label_noise: expected a number in [0, 1]"},
      {d.toString(), "sweep.grid.model=[rnn]", "model: expected one of mlp, cnn, got 'rnn'"},
    };
    for (String[] c : cases) {
      CommandRun r = CommandRun.of("run", c[0], "--runs-dir", runs.toString(), "--set", c[1]);
      assertEquals(2, r.code(), c[1] + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().contains(c[2]), c[1] + ": " + r.err());
      assertFalse(Files.exists(runs) && Files.list(runs).findAny().isPresent(), "no run directory");
    }
    // the derived values themselves are accepted (a resumed run's config.yaml holds them)
    CommandRun ok =
        CommandRun.of(
            "run",
            p.toString(),
            "--runs-dir",
            runs.toString(),
            "--quiet",
            "--set",
            "sweep.grid.train_size=[100]",
            "--set",
            "sweep.grid.pool=[stride_2]",
            "--set",
            "training.steps=1",
            "--set",
            "dataset.num_samples=200");
    assertEquals(0, ok.code(), ok.err());
  }
}
