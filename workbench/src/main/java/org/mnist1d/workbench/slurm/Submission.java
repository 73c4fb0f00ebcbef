package org.mnist1d.workbench.slurm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.mnist1d.io.AtomicFile;

/**
 * One {@code workbench submit}: what was submitted (the sweep file, its overrides and id, the
 * points, the resources), the array and report job ids, and where its scripts, task logs and exit
 * files are. Kept as {@code submission.json} in its folder {@code RUNS_DIR/slurm/<name>-<time>/},
 * beside {@code array.sbatch}, {@code report.sbatch}, {@code submit.sh}, {@code logs/} and {@code
 * status/}.
 */
public record Submission(
    String config,
    List<String> overrides,
    String runsDir,
    String sweep,
    String name,
    String jobName,
    List<Integer> points,
    boolean resume,
    String arrayJob,
    String reportJob,
    String reportDir,
    String submitted,
    List<String> commands) {

  static final String FILE = "submission.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes {@code submission.json} into {@code dir} (atomically). */
  void write(Path dir) {
    try {
      byte[] text = (JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
      AtomicFile.write(dir.resolve(FILE), out -> out.write(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The submission recorded in {@code dir}, if it holds a readable one. */
  static Optional<Submission> read(Path dir) {
    Path f = dir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(f.toFile(), Submission.class));
    } catch (IOException e) {
      return Optional.empty(); // half-written or foreign: not ours to report on
    }
  }

  /** Every submission under {@code runsDir/slurm}, with its folder, oldest first. */
  static List<Located> all(Path runsDir) {
    Path root = runsDir.resolve("slurm");
    List<Located> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : dirs.sorted().toList()) {
        read(d).ifPresent(s -> out.add(new Located(d, s)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(Comparator.comparing(l -> l.submission().submitted()));
    return out;
  }

  /** A submission and the folder it is kept in. */
  record Located(Path dir, Submission submission) {
    /** The array task that ran point {@code index} ({@code 47_3}). */
    String job(int index) {
      return submission.arrayJob() + "_" + index;
    }

    /** The exit status point {@code index}'s task recorded, if it got that far. */
    Optional<Integer> exitCode(int index) {
      try {
        return Optional.of(
            Integer.parseInt(
                Files.readString(dir.resolve("status").resolve(index + ".exit")).strip()));
      } catch (IOException | NumberFormatException e) {
        return Optional.empty();
      }
    }

    /** Point {@code index}'s task log. */
    Path log(int index) {
      return dir.resolve("logs")
          .resolve(submission.jobName() + "_" + submission.arrayJob() + "_" + index + ".out");
    }
  }
}
