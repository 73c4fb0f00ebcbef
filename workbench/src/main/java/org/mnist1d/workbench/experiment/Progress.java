package org.mnist1d.workbench.experiment;

import java.util.Locale;
import java.util.function.Consumer;
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
  private final Consumer<String> plain;
  private final long intervalNs;
  private long lastPrinted = System.nanoTime();
  private long done;

  private Progress(
      String label, long total, ProgressBar bar, Consumer<String> plain, long intervalNs) {
    this.label = label;
    this.total = total;
    this.bar = bar;
    this.plain = plain;
    this.intervalNs = intervalNs;
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
      return new Progress(label, total, bar, null, 0);
    }
    return new Progress(label, total, null, System.err::println, PLAIN_INTERVAL_NS);
  }

  /**
   * Progress as plain lines ({@code label: 300/1500 (20%) status}) handed to {@code lines} at most
   * every {@code intervalMillis} and at the end: what a sweep's worker process reports to the
   * process that started it.
   */
  public static Progress lines(
      String label, long total, Consumer<String> lines, long intervalMillis) {
    return new Progress(label, total, null, lines, intervalMillis * 1_000_000L);
  }

  /** Progress that prints nothing (tests, notebooks). */
  public static Progress silent(long total) {
    return new Progress("", total, null, null, 0);
  }

  /** Moves to {@code position} with a short status ({@code loss 0.53}). */
  public void at(long position, String status) {
    done = position;
    if (bar != null) {
      bar.stepTo(position);
      bar.setExtraMessage(status);
    } else if (plain != null
        && (System.nanoTime() - lastPrinted > intervalNs || position >= total)) {
      lastPrinted = System.nanoTime();
      plain.accept(
          String.format(
              Locale.ROOT,
              "%s: %d/%d (%.0f%%) %s",
              label,
              position,
              total,
              100.0 * position / Math.max(1, total),
              status));
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    } else if (plain != null && done < total) {
      plain.accept(String.format(Locale.ROOT, "%s: stopped at %d/%d", label, done, total));
    }
  }
}
