package org.mnist1d.workbench.sweep;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How one point ended: its run directory (none when it failed before one was made), whether it is
 * done, and the error when it is not.
 */
public record PointOutcome(int index, Optional<Path> dir, boolean done, String error) {
  /** A point that failed before (or without) a run directory of its own. */
  public static PointOutcome failed(int index, Optional<Path> dir, String error) {
    return new PointOutcome(index, dir, false, error);
  }
}
