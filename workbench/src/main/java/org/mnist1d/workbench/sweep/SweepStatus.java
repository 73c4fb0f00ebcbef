package org.mnist1d.workbench.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mnist1d.workbench.run.RunDirectory;

/**
 * Where every point of a sweep stands ({@code workbench status}): not started, queued, running,
 * done, failed (with its error) or stopped, from the runs in a runs directory. Either for a sweep
 * file (its points matched to runs by resolved config, {@link SweepRuns}), or for every sweep whose
 * runs a runs directory holds (grouped by the sweep id their summary.json records).
 */
public record SweepStatus(String name, String id, Path runsDir, List<PointStatus> points) {

  /** The points of {@code sweep} and their runs under {@code runsDir}. */
  public static SweepStatus of(Sweep sweep, Path runsDir) {
    SweepRuns runs = SweepRuns.find(sweep, runsDir);
    List<PointStatus> points = new ArrayList<>();
    for (int i = 0; i < sweep.points().size(); i++) {
      points.add(PointStatus.of(i, sweep.describe(i), runs.of(i)));
    }
    return new SweepStatus(sweep.name(), sweep.id(), runsDir, points);
  }

  /**
   * Every sweep with runs directly under {@code runsDir}, by the sweep id and point index their
   * summary.json records (points without a run are not started); oldest sweep first.
   */
  public static List<SweepStatus> recorded(Path runsDir) {
    Map<String, List<RunRecord>> bySweep = new LinkedHashMap<>();
    List<Path> dirs;
    try (Stream<Path> s = Files.isDirectory(runsDir) ? Files.list(runsDir) : Stream.empty()) {
      dirs = s.filter(d -> Files.isRegularFile(d.resolve(RunDirectory.SUMMARY))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path d : dirs) {
      RunRecord r;
      try {
        r = RunRecord.read(d);
      } catch (RuntimeException e) {
        continue; // not a run directory after all
      }
      if (r.sweepId().isPresent() && r.point() >= 0 && r.points() > r.point()) {
        bySweep.computeIfAbsent(r.sweepId().get(), k -> new ArrayList<>()).add(r);
      }
    }
    List<SweepStatus> out = new ArrayList<>();
    for (Map.Entry<String, List<RunRecord>> e : bySweep.entrySet()) {
      List<RunRecord> runs = e.getValue();
      int count = runs.stream().mapToInt(RunRecord::points).max().orElse(0);
      List<PointStatus> points = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        Optional<RunRecord> run =
            RunRecord.pick(runs.stream().filter(r -> r.point() == index).toList());
        points.add(PointStatus.of(i, run.map(SweepStatus::params).orElse(""), run));
      }
      String name = runs.get(0).summary().path("name").asText("?");
      out.add(new SweepStatus(name, e.getKey(), runsDir, points));
    }
    out.sort(
        Comparator.comparing(
            s ->
                s.points().stream()
                    .flatMap(p -> p.run().stream())
                    .map(RunRecord::started)
                    .min(String::compareTo)
                    .orElse("")));
    return out;
  }

  private static String params(RunRecord r) {
    List<String> words = new ArrayList<>();
    r.summary()
        .path("params")
        .fields()
        .forEachRemaining(e -> words.add(e.getKey() + "=" + e.getValue().asText()));
    return words.isEmpty() ? "(no sweep parameters)" : String.join(" ", words);
  }

  /** The same sweep with every point passed through {@code f} (e.g. adding scheduler jobs). */
  public SweepStatus map(UnaryOperator<PointStatus> f) {
    return new SweepStatus(name, id, runsDir, points.stream().map(f).toList());
  }

  /** How many points are in each state. */
  public Map<PointStatus.State, Integer> counts() {
    Map<PointStatus.State, Integer> c = new EnumMap<>(PointStatus.State.class);
    points.forEach(p -> c.merge(p.state(), 1, Integer::sum));
    return c;
  }

  /** The status as text: a header, one line per point, and the counts. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add("sweep " + name + " (" + id + "), " + points.size() + " point(s), runs in " + runsDir);
    int paramsWidth =
        Math.min(40, points.stream().mapToInt(p -> p.params().length()).max().orElse(6));
    paramsWidth = Math.max(6, paramsWidth);
    out.add(
        String.format(
            "%-5s  %-11s  %-" + paramsWidth + "s  %s", "point", "state", "params", "run / job"));
    for (PointStatus p : points) {
      List<String> where = new ArrayList<>();
      p.run().ifPresent(r -> where.add(r.dir().toString()));
      p.job().ifPresent(j -> where.add("slurm " + j));
      String text = String.join("  ", where);
      if (!p.detail().isEmpty()) {
        text = text.isEmpty() ? p.detail() : text + ": " + p.detail();
      }
      out.add(
          String.format(
                  "%-5d  %-11s  %-" + paramsWidth + "s  %s", p.index(), p.state(), p.params(), text)
              .stripTrailing());
    }
    Map<PointStatus.State, Integer> c = new TreeMap<>(counts());
    out.add(
        c.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", ")));
    return out;
  }
}
