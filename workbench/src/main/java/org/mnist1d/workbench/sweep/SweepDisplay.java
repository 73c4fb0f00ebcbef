package org.mnist1d.workbench.sweep;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a parallel sweep shows while it runs. stdout gets each run directory as it is created (as a
 * single run prints it); stderr gets every worker's point and progress: on a terminal, one line per
 * worker redrawn in place under the lines that stay (points finished, notes); otherwise plain
 * lines, each worker's progress at most every few seconds, so logs of batch jobs stay readable.
 */
public final class SweepDisplay {
  private static final long PLAIN_INTERVAL_NS = 5_000_000_000L;

  private final Sweep sweep;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private final boolean progress;
  private final int total;
  private final String[] status;
  private final long[] lastPlain;
  private final int width;
  private int drawn;
  private int done;
  private int failed;

  /**
   * A display for {@code workers} workers running {@code total} points of {@code sweep}; {@code
   * terminal}: redraw worker lines in place; {@code progress}: show progress at all.
   */
  public SweepDisplay(
      Sweep sweep,
      int workers,
      int total,
      PrintStream out,
      PrintStream err,
      boolean terminal,
      boolean progress) {
    this.sweep = sweep;
    this.out = out;
    this.err = err;
    this.terminal = terminal && progress;
    this.progress = progress;
    this.total = total;
    this.status = new String[workers];
    Arrays.fill(status, "starting");
    this.lastPlain = new long[workers];
    this.width = columns();
  }

  /** Whether stderr looks like an interactive terminal (as {@code Progress} decides). */
  public static boolean interactive() {
    return System.console() != null
        && !"true".equals(System.getenv("CI"))
        && !"dumb".equals(System.getenv("TERM"));
  }

  private String label(int index) {
    return "point " + index + " (" + sweep.describe(index) + ")";
  }

  /** Worker {@code worker} has made point {@code index}'s run directory. */
  public synchronized void created(int worker, int index, Path dir) {
    clear();
    out.println(dir);
    out.flush();
    status[worker] = label(index) + ": started";
    if (progress && !terminal) {
      err.println(label(index) + ": started on worker " + (worker + 1));
    }
    draw();
  }

  /** A progress line of the point worker {@code worker} runs. */
  public synchronized void progress(int worker, int index, String text) {
    status[worker] = label(index) + ": " + text;
    if (terminal) {
      clear();
      draw();
    } else if (progress && System.nanoTime() - lastPlain[worker] > PLAIN_INTERVAL_NS) {
      lastPlain[worker] = System.nanoTime();
      err.println(label(index) + ": " + text);
    }
  }

  /** A note from worker {@code worker} (while it runs point {@code index}, or -1). */
  public synchronized void note(int worker, int index, String line) {
    clear();
    err.println((index >= 0 ? label(index) : "worker " + (worker + 1)) + ": " + line);
    draw();
  }

  /** Point {@code o.index()} ended on worker {@code worker}. */
  public synchronized void finished(int worker, PointOutcome o) {
    if (o.done()) {
      done++;
    } else {
      failed++;
    }
    status[worker] = "idle";
    clear();
    if (progress || !o.done()) {
      err.println(label(o.index()) + ": " + (o.done() ? "done" : "failed: " + o.error()));
    }
    draw();
  }

  /** Worker {@code worker} has no more points. */
  public synchronized void idle(int worker) {
    status[worker] = "finished";
    clear();
    draw();
  }

  /** Leaves the terminal clean (the worker lines erased). */
  public synchronized void close() {
    clear();
    err.flush();
  }

  private void draw() {
    if (!terminal) {
      return;
    }
    StringBuilder b = new StringBuilder();
    String head =
        String.format(
            "%s: %d/%d done%s, %d workers",
            sweep.name(), done, total, failed > 0 ? ", " + failed + " failed" : "", status.length);
    b.append(fit(head)).append('\n');
    for (int w = 0; w < status.length; w++) {
      b.append(fit("  worker " + (w + 1) + ": " + status[w])).append('\n');
    }
    err.print(b);
    err.flush();
    drawn = status.length + 1;
  }

  private void clear() {
    if (!terminal || drawn == 0) {
      return;
    }
    err.print("\033[" + drawn + "A\033[J");
    err.flush();
    drawn = 0;
  }

  private String fit(String s) {
    return s.length() < width ? s : s.substring(0, Math.max(0, width - 3)) + "..";
  }

  private static int columns() {
    try {
      return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120")));
    } catch (NumberFormatException e) {
      return 120;
    }
  }
}
