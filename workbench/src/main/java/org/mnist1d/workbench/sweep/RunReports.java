package org.mnist1d.workbench.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mnist1d.workbench.run.DefaultReport;

/**
 * The own reports of a parallel sweep's finished runs ({@link DefaultReport}), written one after
 * another on a background thread of the sweep's process while its workers go on training. One per
 * sweep: {@link #finish} or {@link #stop} ends it.
 */
final class RunReports {
  private static final long STOP_WAIT_SECONDS = 30;

  private final SweepDisplay display;
  private final Consumer<Path> writer;
  // daemon: a stopped sweep's process does not wait for reports not yet begun
  private final ThreadPoolExecutor executor =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "sweep-run-reports");
            t.setDaemon(true);
            return t;
          });

  RunReports(SweepDisplay display) {
    this(display, dir -> DefaultReport.write(dir));
  }

  /** With another {@code writer} of a run's report (tests). */
  RunReports(SweepDisplay display, Consumer<Path> writer) {
    this.display = display;
    this.writer = writer;
  }

  /** A finished run whose report is still to be written. */
  private record Job(RunReports owner, int worker, int index, Path dir) implements Runnable {
    @Override
    public void run() {
      owner.write(this);
    }
  }

  /**
   * Queues the report of the done run in {@code dir} (point {@code index}, from {@code worker}).
   */
  void add(int worker, int index, Path dir) {
    Job job = new Job(this, worker, index, dir);
    try {
      executor.execute(job);
    } catch (RejectedExecutionException stopped) {
      notWritten(job);
    }
  }

  /** Waits until every queued report is written. */
  void finish() {
    executor.shutdown();
    await(Long.MAX_VALUE);
  }

  /**
   * Drops the reports not yet begun, naming each with the command that writes it, and waits (at
   * most 30 s) for the one being written, so that no report is left half-written.
   */
  void stop() {
    List<Runnable> dropped = new ArrayList<>();
    executor.getQueue().drainTo(dropped);
    executor.shutdown();
    for (Runnable r : dropped) {
      notWritten((Job) r);
    }
    await(TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS));
  }

  private void write(Job j) {
    try {
      writer.accept(j.dir());
    } catch (RuntimeException | LinkageError e) {
      display.note(j.worker(), j.index(), DefaultReport.notWritten(j.dir(), e));
    }
  }

  private void notWritten(Job j) {
    display.note(
        j.worker(),
        j.index(),
        "report not written (the sweep was stopped): workbench report " + j.dir());
  }

  /** Waits for the thread to end, at most {@code nanos}; an interrupt is kept for the caller. */
  private void await(long nanos) {
    long deadline = System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 2);
    boolean interrupted = false;
    while (!executor.isTerminated() && System.nanoTime() < deadline) {
      try {
        executor.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
