package org.mnist1d.workbench.sweep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.mnist1d.workbench.run.Environment;

/**
 * Runs a sweep's points in {@code jobs} worker processes ({@code workbench run --jobs N}): child
 * JVMs started with {@link JavaCommand} and the worker arguments, each fed one point at a time over
 * its stdin ({@link WorkerProtocol}) while it has no other. A failing point does not stop the
 * others; a worker that dies takes only its current point with it (a fresh one takes its place).
 * Workers only train: each finished run's own report is written here, on one thread of this
 * process, while the workers go on ({@link RunReports}; the report code is then compiled by one
 * JVM, not by every worker, and is warm for the sweep's report at the end).
 *
 * <p>Stopping ({@link #stop}, e.g. from a Ctrl-C shutdown hook) sends every worker SIGTERM, whose
 * own shutdown hook marks its run failed and resumable, and waits for them to exit.
 */
public final class WorkerPool implements PointExecutor {
  private static final long STOP_WAIT_SECONDS = 60;

  private final JavaCommand java;
  private final List<String> workerArgs;
  private final int jobs;
  private final SweepDisplay display;
  private final Map<Integer, Process> live = new ConcurrentHashMap<>();
  private volatile boolean stopping;
  private volatile RunReports reports;

  /**
   * A pool of {@code jobs} workers, each started as {@code java.command(workerArgs)} (the CLI's
   * worker command with the sweep's file, overrides, runs directory and thread count).
   */
  public WorkerPool(JavaCommand java, List<String> workerArgs, int jobs, SweepDisplay display) {
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be >= 1");
    }
    this.java = java;
    this.workerArgs = List.copyOf(workerArgs);
    this.jobs = jobs;
    this.display = display;
  }

  @Override
  public List<PointOutcome> execute(Sweep sweep, List<PointTask> tasks) {
    Queue<PointTask> queue = new ConcurrentLinkedQueue<>(tasks);
    Map<Integer, PointOutcome> outcomes = new ConcurrentHashMap<>();
    int n = Math.min(jobs, Math.max(1, tasks.size()));
    reports = new RunReports(display);
    if (n > 1) {
      Environment.loadEngine();
    }
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < n; w++) {
      int worker = w;
      Thread t = new Thread(() -> serve(worker, queue, outcomes), "sweep-worker-" + (w + 1));
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
      }
    }
    reports.finish();
    display.close();
    List<PointOutcome> out = new ArrayList<>();
    for (PointTask t : tasks) {
      out.add(
          outcomes.getOrDefault(
              t.index(),
              PointOutcome.failed(t.index(), t.resume(), "not run: the sweep was stopped")));
    }
    return out;
  }

  /**
   * Sends SIGTERM to every worker and waits (at most a minute) until they have exited, their runs
   * marked failed and resumable by their own shutdown hooks; then ends the reports of finished runs
   * ({@link RunReports#stop}). No new point starts afterwards.
   */
  public void stop() {
    stopping = true;
    live.values().forEach(Process::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
    for (Process p : live.values()) {
      try {
        p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break; // the reports still end whole
      }
    }
    RunReports r = reports;
    if (r != null) {
      r.stop();
    }
  }

  /** One worker slot: points from the queue, one worker process at a time. */
  private void serve(int worker, Queue<PointTask> queue, Map<Integer, PointOutcome> outcomes) {
    Child child = null;
    try {
      PointTask task;
      while (!stopping && (task = queue.poll()) != null) {
        if (child == null) {
          child = start(worker);
          if (child == null) {
            outcomes.put(
                task.index(),
                PointOutcome.failed(task.index(), task.resume(), "worker could not start"));
            display.finished(worker, outcomes.get(task.index()));
            continue;
          }
        }
        PointOutcome o = child.run(task);
        outcomes.put(task.index(), o);
        display.finished(worker, o);
        if (o.done() && o.dir().isPresent()) {
          reports.add(worker, o.index(), o.dir().get());
        }
        if (!child.process.isAlive()) {
          child.close();
          child = null;
        }
      }
    } finally {
      if (child != null) {
        child.close();
      }
      display.idle(worker);
    }
  }

  private Child start(int worker) {
    if (stopping) {
      return null;
    }
    try {
      Process p =
          new ProcessBuilder(java.command(workerArgs))
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
      live.put(worker, p);
      if (stopping) { // stop() ran while this one started: it must not outlive the sweep
        p.destroy();
      }
      return new Child(worker, p);
    } catch (IOException e) {
      display.note(worker, -1, "cannot start a worker: " + e.getMessage());
      return null;
    }
  }

  private static Optional<RunRecord> record(Path dir) {
    try {
      return Optional.of(RunRecord.read(dir));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** One worker process: its protocol on stdout, its notes on stderr. */
  private final class Child {
    private final int worker;
    private final Process process;
    private final PrintStream tasks;
    private final BufferedReader messages;
    private final Thread notes;
    private volatile int current = -1;
    private volatile String lastNote = "";

    Child(int worker, Process process) {
      this.worker = worker;
      this.process = process;
      this.tasks = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
      this.messages =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      BufferedReader err =
          new BufferedReader(
              new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
      this.notes =
          new Thread(
              () -> {
                try {
                  for (String l = err.readLine(); l != null; l = err.readLine()) {
                    if (!l.isBlank()) {
                      lastNote = l;
                      display.note(worker, current, l);
                    }
                  }
                } catch (IOException e) {
                  // the worker is gone
                }
              },
              "sweep-worker-" + (worker + 1) + "-stderr");
      notes.setDaemon(true);
      notes.start();
    }

    /** Sends {@code task} and follows its messages until it has finished (or the worker died). */
    PointOutcome run(PointTask task) {
      current = task.index();
      Optional<Path> dir = task.resume();
      try {
        tasks.println(WorkerProtocol.task(task));
        for (String l = messages.readLine(); l != null; l = messages.readLine()) {
          Optional<WorkerProtocol.Message> m = WorkerProtocol.parse(l);
          if (m.isEmpty()) {
            display.note(worker, current, l);
            continue;
          }
          WorkerProtocol.Message msg = m.get();
          switch (msg.kind()) {
            case "started" -> {
              dir = msg.dir();
              display.created(worker, msg.index(), msg.dir().orElseThrow());
            }
            case "progress" -> display.progress(worker, msg.index(), msg.text());
            case "finished" -> {
              current = -1;
              return new PointOutcome(
                  msg.index(), msg.dir().or(() -> task.resume()), msg.done(), msg.text());
            }
            default -> display.note(worker, current, l);
          }
        }
      } catch (IOException | UncheckedIOException e) {
        // the worker is gone: below
      }
      int code = exitCode();
      current = -1;
      // the run directory says how far the point got (its own shutdown hook settles the status)
      Optional<RunRecord> run = dir.flatMap(WorkerPool::record);
      if (run.isPresent() && !run.get().status().equals("running")) {
        return new PointOutcome(
            task.index(), dir, run.get().done(), run.get().done() ? null : run.get().error());
      }
      String why =
          stopping
              ? "interrupted (the sweep was stopped)"
              : "worker process exited with code "
                  + code
                  + (lastNote.isEmpty() ? "" : " (" + lastNote + ")");
      return PointOutcome.failed(task.index(), dir, why);
    }

    private int exitCode() {
      try {
        process.getOutputStream().close();
        if (process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
          notes.join(TimeUnit.SECONDS.toMillis(5));
          return process.exitValue();
        }
      } catch (IOException e) {
        // stdin already closed
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }

    /** Ends the worker: stdin closed (it exits after its current point), then waited for. */
    void close() {
      try {
        tasks.close();
        process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        notes.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        if (process.isAlive()) {
          process.destroyForcibly();
        }
        live.remove(worker, process);
      }
    }
  }
}
