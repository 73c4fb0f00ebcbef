package org.mnist1d.workbench.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.DatasetCache;
import org.mnist1d.io.Npy;
import org.mnist1d.workbench.cli.CommandRun;

/**
 * Tiny lottery searches and ablations through {@code workbench run}: the files and columns, the
 * schedule's mask counts, nested magnitude masks, the same start for both criteria, the all-pruned
 * network predicting class 0, a chain stopped mid-round resuming to the same numbers, and the
 * ablations finding the chains in the runs directory.
 */
class LotteryExperimentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  static final String SEARCH =
      String.join(
          "\n",
          "experiment: lottery",
          "name: tiny-lottery",
          "seed: 5",
          "dataset: {num_samples: 400}",
          "rounds: 4",
          "model: {hidden: 8}",
          "training: {steps: 20, batch: 50, lr: 0.02, eval_every: 10, magnitude_step: 10}",
          "sweep:",
          "  grid:",
          "    trial: [0, 1]",
          "    criterion: [magnitude, random]",
          "");

  static final String ABLATIONS =
      String.join(
          "\n",
          "experiment: lottery-ablations",
          "name: tiny-ablations",
          "seed: 5",
          "dataset: {num_samples: 400, seed: 43}",
          "lottery: {name: tiny-lottery, round: 2}",
          "trials: [0, 1]",
          "model: {hidden: 8}",
          "training: {steps: 10, batch: 100, lr: 0.02, eval_every: 5}",
          "");

  private static JsonNode summary(Path dir) throws Exception {
    return JSON.readTree(dir.resolve("summary.json").toFile());
  }

  private static List<Path> dirs(Path root, String prefix) throws Exception {
    try (var s = Files.list(root)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    }
  }

  private static List<String> rounds(Path dir) throws Exception {
    return Files.readAllLines(dir.resolve("rounds.csv"));
  }

  private static boolean[] mask(Path dir, int round, int n) throws Exception {
    Npy.Array a =
        Npy.parse(Files.readAllBytes(dir.resolve(String.format("masks/round-%03d.npy", round))));
    byte[] bits = new byte[a.data().remaining()];
    a.data().get(bits);
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = (bits[i >> 3] & (0x80 >>> (i & 7))) != 0;
    }
    return out;
  }

  @Test
  void searchChainsThenAblationsFromTheRunsDirectory() throws Exception {
    Path runs = tmp.resolve("runs");
    Path config = Files.writeString(tmp.resolve("lottery.yaml"), SEARCH);
    CommandRun out =
        CommandRun.of("run", config.toString(), "--runs-dir", runs.toString(), "--quiet");
    assertEquals(0, out.code(), out.err());
    List<Path> chains = dirs(runs, "tiny-lottery");
    assertEquals(4, chains.size());
    Mnist1dData data =
        DatasetCache.atDefaultLocation()
            .get(Mnist1dArgs.defaults().with(java.util.Map.of("num_samples", 400)));
    long zeros = java.util.Arrays.stream(data.yTest()).filter(y -> y == 0).count();
    // 40-8-8-10: layers of 328, 72 and 90 entries
    int[] layers = {328, 72, 90};
    int n = 490;
    List<String> firstRows = new ArrayList<>();
    for (Path d : chains) {
      assertEquals("done", summary(d).get("status").asText());
      List<String> r = rounds(d);
      assertEquals(
          "trial,criterion,round,sparsity,final_test_acc,max_test_acc,final_test_loss,final_train_loss",
          r.get(0));
      assertEquals(5, r.size());
      String[] last = r.get(4).split(",");
      assertEquals(1.0, Double.parseDouble(last[3]));
      // everything pruned, biases included: logits 0, argmax is class 0
      assertEquals(100.0 * zeros / data.yTest().length, Double.parseDouble(last[4]), 1e-9);
      assertEquals(Math.log(10), Double.parseDouble(last[6]), 1e-6);
      String[] first = r.get(1).split(",");
      firstRows.add(first[0] + ":" + first[4] + ":" + first[5]);
      boolean magnitude = first[1].equals("magnitude");
      boolean[] previous = null;
      for (int round = 0; round < 4; round++) {
        boolean[] m = mask(d, round, n);
        double p = round == 3 ? 1.0 : round * (1.0 / 3);
        int at = 0;
        for (int size : layers) {
          int kept = 0;
          for (int i = at; i < at + size; i++) {
            kept += m[i] ? 1 : 0;
          }
          assertEquals(size - (int) (p * size), kept, d + " round " + round);
          at += size;
        }
        if (magnitude && previous != null) {
          for (int i = 0; i < n; i++) {
            assertFalse(m[i] && !previous[i], "magnitude masks are nested");
          }
        }
        previous = m;
      }
    }
    // round 0 prunes nothing: both criteria of a trial train the same network from the same start
    assertEquals(firstRows.get(0).split(":")[0], "0");
    assertEquals(2, firstRows.stream().distinct().count(), firstRows.toString());

    Path ablations = Files.writeString(tmp.resolve("ablations.yaml"), ABLATIONS);
    CommandRun a =
        CommandRun.of("run", ablations.toString(), "--runs-dir", runs.toString(), "--quiet");
    assertEquals(0, a.code(), a.err());
    Path ab = dirs(runs, "tiny-ablations").get(0);
    JsonNode s = summary(ab);
    assertEquals("done", s.get("status").asText(), s.toString());
    assertEquals(16, Files.readAllLines(ab.resolve("ablations.csv")).size()); // 5 variants x 3
    assertEquals(5, Files.readAllLines(ab.resolve("adjacency.csv")).size());
    assertEquals(5, Files.readAllLines(ab.resolve("search.csv")).size());
    // 5 variants x 2 trials x 3 masks x 3 evaluations
    assertEquals(1 + 90, Files.readAllLines(ab.resolve("metrics.csv")).size());
    for (String f :
        List.of(
            "search.png", "ablations.png", "ablation-summary.png", "adjacency.png", "masks.png")) {
      assertTrue(Files.size(ab.resolve("report").resolve(f)) > 1000, f);
    }
    String html = Files.readString(ab.resolve("report/report.html"));
    assertEquals(5, html.split("data:image/png;base64,", -1).length - 1);
    assertTrue(s.at("/results/ablations/shuffled/lottery").isNumber(), s.toString());
    assertEquals(
        s.at("/results/search/last_lottery_acc").asDouble(),
        100.0 * zeros / data.yTest().length,
        1e-9);
  }

  @Test
  void ablationsWithoutChainsFailNamingWhatIsMissing() throws Exception {
    Path ablations = Files.writeString(tmp.resolve("ablations.yaml"), ABLATIONS);
    Path runs = tmp.resolve("empty");
    CommandRun a =
        CommandRun.of("run", ablations.toString(), "--runs-dir", runs.toString(), "--quiet");
    assertTrue(a.code() != 0);
    JsonNode s = summary(dirs(runs, "tiny-ablations").get(0));
    assertEquals("failed", s.get("status").asText());
    assertTrue(
        s.get("error").asText().contains("no finished lottery run named 'tiny-lottery'")
            && s.get("error").asText().contains("trial 0 magnitude"),
        s.get("error").asText());
  }

  /** A chain interrupted in the middle of a round resumes from its last round to the same files. */
  @Test
  void stoppedChainResumesExactly() throws Exception {
    String one = SEARCH.replace("[0, 1]", "[1]").replace("[magnitude, random]", "[magnitude]");
    Path config = Files.writeString(tmp.resolve("one.yaml"), one);
    CommandRun whole =
        CommandRun.of(
            "run", config.toString(), "--runs-dir", tmp.resolve("a").toString(), "--quiet");
    assertEquals(0, whole.code(), whole.err());
    Path done = dirs(tmp.resolve("a"), "tiny").get(0);

    Path runs = tmp.resolve("b");
    Path stopped = CommandRun.interruptedRun(config, runs, 7);
    assertFalse(summary(stopped).get("status").asText().equals("done"), "stopped before the end");
    CommandRun resumed = CommandRun.of("run", "--resume", stopped.toString(), "--quiet");
    assertEquals(0, resumed.code(), resumed.err());
    assertEquals(rounds(done), rounds(stopped));
    assertEquals(
        Files.readAllLines(done.resolve("metrics.csv")),
        Files.readAllLines(stopped.resolve("metrics.csv")));
    for (int r = 0; r < 4; r++) {
      String f = String.format("masks/round-%03d.npy", r);
      assertTrue(
          java.util.Arrays.equals(
              Files.readAllBytes(done.resolve(f)), Files.readAllBytes(stopped.resolve(f))),
          f);
    }
    assertEquals(summary(done).get("results"), summary(stopped).get("results"));
  }
}
