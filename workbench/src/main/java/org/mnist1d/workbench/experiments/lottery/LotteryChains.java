package org.mnist1d.workbench.experiments.lottery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.workbench.base.UserError;

/**
 * The {@code lottery} chains the ablations read, by run directory: named in the config, or else the
 * latest finished chain of each trial and criterion among the runs called {@code name} in the runs
 * directory (the parent of the ablation run's own directory). A chain's trial and criterion are the
 * first row of its {@code rounds.csv}.
 */
final class LotteryChains {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LotteryChains() {}

  /** One chain: its trial, criterion, directory and rounds.csv rows. */
  record Chain(int trial, String criterion, Path dir, List<Map<String, String>> rounds) {
    /** The rounds it finished. */
    int roundsDone() {
      return rounds.size();
    }
  }

  /** The key of a chain in the returned maps. */
  static String key(int trial, String criterion) {
    return trial + "/" + criterion;
  }

  /**
   * The chains for every trial in {@code trials} and both criteria: from {@code explicit}
   * directories (relative to {@code runsDir}) when given, else the latest finished ones called
   * {@code name}.
   */
  static Map<String, Chain> locate(
      Path runsDir, String name, List<String> explicit, List<Integer> trials) {
    Map<String, Chain> found = new LinkedHashMap<>();
    if (!explicit.isEmpty()) {
      for (String d : explicit) {
        Chain c = read(runsDir.resolve(d).normalize());
        found.put(key(c.trial(), c.criterion()), c);
      }
    } else {
      Map<String, String> finished = new LinkedHashMap<>();
      for (Path dir : children(runsDir)) {
        JsonNode s = summary(dir);
        if (s == null
            || !"lottery".equals(s.path("experiment").asText())
            || !name.equals(s.path("name").asText())
            || !"done".equals(s.path("status").asText())
            || !Files.isRegularFile(dir.resolve(LotteryExperiment.ROUNDS))) {
          continue;
        }
        Chain c = read(dir);
        String k = key(c.trial(), c.criterion());
        String when = s.path("finished").asText("") + " " + dir.getFileName();
        if (!finished.containsKey(k) || finished.get(k).compareTo(when) < 0) {
          finished.put(k, when);
          found.put(k, c);
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (int t : trials) {
      for (String criterion : LotteryExperiment.CRITERIA) {
        if (!found.containsKey(key(t, criterion))) {
          missing.add("trial " + t + " " + criterion);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new UserError(
          "lottery.runs: no "
              + (explicit.isEmpty()
                  ? "finished lottery run named '" + name + "' in " + runsDir
                  : "run among " + explicit)
              + " for "
              + String.join(", ", missing)
              + " (run configs/lottery.yaml first, or name the run directories in lottery.runs)");
    }
    return found;
  }

  private static Chain read(Path dir) {
    Path rounds = dir.resolve(LotteryExperiment.ROUNDS);
    if (!Files.isRegularFile(rounds)) {
      throw new UserError(
          dir + ": not a lottery run directory (no " + LotteryExperiment.ROUNDS + ")");
    }
    List<Map<String, String>> rows;
    try {
      rows = CsvTable.read(rounds);
    } catch (IOException e) {
      throw new UserError(rounds + ": not readable (" + e.getMessage() + ")");
    }
    if (rows.isEmpty()) {
      throw new UserError(rounds + ": no finished round yet");
    }
    try {
      return new Chain(
          Integer.parseInt(rows.get(0).get("trial")), rows.get(0).get("criterion"), dir, rows);
    } catch (RuntimeException e) {
      throw new UserError(rounds + ": expected trial and criterion columns");
    }
  }

  private static JsonNode summary(Path dir) {
    try {
      return JSON.readTree(dir.resolve("summary.json").toFile());
    } catch (IOException e) {
      return null; // not a run directory, or a damaged one: not a candidate
    }
  }

  private static List<Path> children(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(
          p -> {
            if (Files.isRegularFile(p.resolve("summary.json"))) {
              out.add(p);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(null);
    return out;
  }
}
