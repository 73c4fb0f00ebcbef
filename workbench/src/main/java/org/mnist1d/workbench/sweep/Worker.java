package org.mnist1d.workbench.sweep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.mnist1d.workbench.experiment.Progress;
import org.mnist1d.workbench.run.Runner;

/**
 * The worker side of a parallel sweep: a child process that takes point tasks from its stdin, one
 * line each, runs them one after another and reports on {@code protocol} ({@link WorkerProtocol}).
 * A fresh process per worker gives each its own PyTorch thread pool; the numbers a point gives do
 * not depend on the worker that ran it, since everything random is seeded from the config.
 */
public final class Worker {
  /** How often a worker reports a running point's progress. */
  static final long PROGRESS_INTERVAL_MS = 1000;

  private Worker() {}

  /** Serves tasks from {@code tasks} until it ends; notes go to {@code log}. */
  public static void serve(
      Sweep sweep, Path runsDir, BufferedReader tasks, PrintStream protocol, PrintStream log)
      throws IOException {
    for (String line = tasks.readLine(); line != null; line = tasks.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      PointTask task = WorkerProtocol.parseTask(line);
      int i = task.index();
      Runner runner =
          new Runner(
                  (label, total) ->
                      Progress.lines(
                          label,
                          total,
                          text -> send(protocol, WorkerProtocol.progress(i, text)),
                          PROGRESS_INTERVAL_MS),
                  log,
                  dir -> send(protocol, WorkerProtocol.started(i, dir)))
              .withoutReport(); // the parent writes it (WorkerPool)
      send(protocol, WorkerProtocol.finished(sweep.runTask(task, runsDir, runner)));
    }
  }

  private static void send(PrintStream protocol, String line) {
    synchronized (protocol) {
      protocol.println(line);
      protocol.flush();
    }
  }
}
