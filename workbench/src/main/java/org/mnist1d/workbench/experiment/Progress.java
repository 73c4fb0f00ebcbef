package org.mnist1d.workbench.experiment;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work on stderr: a progress bar on a terminal, otherwise a plain line at most
 * every few seconds (and at the end), so logs of batch jobs stay readable.
 */
public final class Progress implements AutoCloseable {
  private static final long PLAIN_INTERVAL_NS = 5_000_000_000L;

  private final String label;
  private final long total;
  private final ProgressBar bar;
  private final PrintStream plain;
  private long lastPrinted = System.nanoTime();
  private long done;

  private Progress(String label, long total, ProgressBar bar, PrintStream plain) {
    this.label = label;
    this.total = total;
    this.bar = bar;
    this.plain = plain;
  }

  /** Progress over {@code total} units; a bar when stderr is a terminal. */
  public static Progress start(String label, long total) {
    boolean tty = System.console() != null && !"true".equals(System.getenv("CI"));
    if (tty) {
      ProgressBar bar =
          new ProgressBarBuilder()
              .setTaskName(label)
              .setInitialMax(total)
              .setStyle(ProgressBarStyle.ASCII)
              .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
              .build();
      return new Progress(label, total, bar, null);
    }
    return new Progress(label, total, null, System.err);
  }

  /** Progress that prints nothing (tests, notebooks). */
  public static Progress silent(long total) {
    return new Progress("", total, null, null);
  }

  /** Moves to {@code position} with a short status ({@code loss 0.53}). */
  public void at(long position, String status) {
    done = position;
    if (bar != null) {
      bar.stepTo(position);
      bar.setExtraMessage(status);
    } else if (plain != null
        && (System.nanoTime() - lastPrinted > PLAIN_INTERVAL_NS || position >= total)) {
      lastPrinted = System.nanoTime();
      plain.printf(
          Locale.ROOT,
          "%s: %d/%d (%.0f%%) %s%n",
          label,
          position,
          total,
          100.0 * position / Math.max(1, total),
          status);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    } else if (plain != null && done < total) {
      plain.printf(Locale.ROOT, "%s: stopped at %d/%d%n", label, done, total);
    }
  }
}
