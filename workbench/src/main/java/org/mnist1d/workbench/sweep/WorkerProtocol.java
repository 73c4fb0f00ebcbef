package org.mnist1d.workbench.sweep;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The lines a sweep's parent process and its workers exchange, one message a line, fields separated
 * by tabs. To a worker (its stdin): {@code start<TAB>i} or {@code resume<TAB>i<TAB>RUN_DIR};
 * closing stdin ends it. From a worker (its stdout): {@code started<TAB>i<TAB>RUN_DIR}, {@code
 * progress<TAB>i<TAB>TEXT} and {@code finished<TAB>i<TAB>done|failed<TAB>RUN_DIR|-<TAB>ERROR}. A
 * worker's stderr carries its notes (warnings, interruptions), relayed as they come.
 */
final class WorkerProtocol {
  private WorkerProtocol() {}

  /** A message from a worker. */
  record Message(String kind, int index, String text, Optional<Path> dir, boolean done) {}

  static String task(PointTask t) {
    return t.resume().map(d -> "resume\t" + t.index() + "\t" + d).orElse("start\t" + t.index());
  }

  /** The task in a line from the parent; an unknown line is an IllegalArgumentException. */
  static PointTask parseTask(String line) {
    String[] f = line.split("\t", -1);
    if (f.length == 2 && f[0].equals("start")) {
      return PointTask.start(Integer.parseInt(f[1]));
    }
    if (f.length == 3 && f[0].equals("resume")) {
      return new PointTask(Integer.parseInt(f[1]), Optional.of(Path.of(f[2])));
    }
    throw new IllegalArgumentException("not a task: " + line);
  }

  static String started(int index, Path dir) {
    return "started\t" + index + "\t" + dir;
  }

  static String progress(int index, String text) {
    return "progress\t" + index + "\t" + oneLine(text);
  }

  static String finished(PointOutcome o) {
    return "finished\t"
        + o.index()
        + "\t"
        + (o.done() ? "done" : "failed")
        + "\t"
        + o.dir().map(Path::toString).orElse("-")
        + "\t"
        + (o.error() == null ? "" : oneLine(o.error()));
  }

  /** The message in a worker's stdout line, or empty for a line that is none (relayed as text). */
  static Optional<Message> parse(String line) {
    String[] f = line.split("\t", -1);
    try {
      switch (f[0]) {
        case "started":
          if (f.length == 3) {
            return Optional.of(
                new Message(
                    "started", Integer.parseInt(f[1]), "", Optional.of(Path.of(f[2])), false));
          }
          break;
        case "progress":
          if (f.length == 3) {
            return Optional.of(
                new Message("progress", Integer.parseInt(f[1]), f[2], Optional.empty(), false));
          }
          break;
        case "finished":
          if (f.length == 5) {
            return Optional.of(
                new Message(
                    "finished",
                    Integer.parseInt(f[1]),
                    f[4],
                    f[3].equals("-") ? Optional.empty() : Optional.of(Path.of(f[3])),
                    f[2].equals("done")));
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      // not ours
    }
    return Optional.empty();
  }

  private static String oneLine(String s) {
    return s.replaceAll("[\\t\\r\\n]+", " ");
  }
}
