package org.mnist1d.workbench.experiments.tsne;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The run directory {@code run:} names: a path, or a path whose last part is a glob ({@code
 * runs/classification-*-model=cnn-shuffle=false}), which means the newest matching directory that
 * has the file the source reads (run directory names start with their start time).
 */
final class SourceRun {
  private SourceRun() {}

  /** Whether {@code run} has glob characters (then it is resolved when the run starts). */
  static boolean isPattern(String run) {
    return run.chars().anyMatch(ch -> ch == '*' || ch == '?' || ch == '[' || ch == '{');
  }

  /** The directory {@code run} means that holds {@code file}, if any. */
  static Optional<Path> resolve(String run, String file) throws IOException {
    Path p = Path.of(run);
    if (!isPattern(run)) {
      return Files.isRegularFile(p.resolve(file)) ? Optional.of(p) : Optional.empty();
    }
    Path parent = p.getParent() == null ? Path.of(".") : p.getParent();
    if (isPattern(parent.toString())) {
      throw new IOException("run: '" + run + "': only the last part of the path may be a pattern");
    }
    if (!Files.isDirectory(parent)) {
      return Optional.empty();
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
    try (Stream<Path> s = Files.list(parent)) {
      return s.filter(d -> matcher.matches(d.getFileName()))
          .filter(d -> Files.isRegularFile(d.resolve(file)))
          .max(Comparator.comparing(d -> d.getFileName().toString()));
    }
  }
}
