package org.mnist1d.workbench.sweep;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One point to run: a new run of point {@code index}, or the resumption of its run {@code resume}.
 */
public record PointTask(int index, Optional<Path> resume) {
  /** A new run of point {@code index}. */
  public static PointTask start(int index) {
    return new PointTask(index, Optional.empty());
  }
}
