package org.mnist1d.workbench.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mnist1d.workbench.run.RunDirectory;

/**
 * The runs of a sweep's points found in a runs directory. A run belongs to a point when its {@code
 * config.yaml} is that point's resolved config, character for character: the resolved config fixes
 * every number the run produces, so this holds whichever process, worker, job or earlier version of
 * the sweep file (say, with fewer seeds) made the run. When a point has several runs, its run is
 * the newest done one, else the newest one.
 */
public final class SweepRuns {
  private final Map<Integer, List<RunRecord>> byPoint;

  private SweepRuns(Map<Integer, List<RunRecord>> byPoint) {
    this.byPoint = byPoint;
  }

  /** Looks through the directories under {@code runsDir} named like the sweep's runs. */
  public static SweepRuns find(Sweep sweep, Path runsDir) {
    Map<String, Integer> pointOf = new HashMap<>();
    for (int i = 0; i < sweep.points().size(); i++) {
      pointOf.put(sweep.points().get(i).config().toYaml(), i);
    }
    Map<Integer, List<RunRecord>> found = new HashMap<>();
    if (Files.isDirectory(runsDir)) {
      try (DirectoryStream<Path> dirs =
          Files.newDirectoryStream(runsDir, RunDirectory.globFor(sweep.name()))) {
        for (Path dir : dirs) {
          Path config = dir.resolve(RunDirectory.CONFIG);
          if (!Files.isRegularFile(config)
              || !Files.isRegularFile(dir.resolve(RunDirectory.SUMMARY))) {
            continue;
          }
          Integer point = pointOf.get(Files.readString(config, StandardCharsets.UTF_8));
          if (point != null) {
            found.computeIfAbsent(point, k -> new ArrayList<>()).add(RunRecord.read(dir));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new SweepRuns(found);
  }

  /** The run of point {@code index}: its newest done run, else its newest run. */
  public Optional<RunRecord> of(int index) {
    return RunRecord.pick(byPoint.getOrDefault(index, List.of()));
  }

  /** How many runs point {@code index} has. */
  public int count(int index) {
    return byPoint.getOrDefault(index, List.of()).size();
  }
}
