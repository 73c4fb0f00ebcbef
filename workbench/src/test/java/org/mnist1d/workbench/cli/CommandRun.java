package org.mnist1d.workbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * One in-process run of the CLI with stdout and stderr captured (tests of every package use it).
 */
public record CommandRun(int code, String out, String err) {
  public static synchronized CommandRun of(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.execute(args);
      System.out.flush();
      System.err.flush();
      return new CommandRun(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /**
   * Runs {@code run CONFIG --runs-dir RUNS --quiet} in a thread and interrupts it (as Ctrl-C would)
   * once the run directory's metrics.csv has more than {@code lines} lines, header included;
   * returns the run directory, stopped (or finished, if it ended between two looks).
   */
  public static Path interruptedRun(Path config, Path runs, int lines) throws Exception {
    AtomicBoolean finished = new AtomicBoolean();
    Thread t =
        new Thread(
            () -> {
              of("run", config.toString(), "--runs-dir", runs.toString(), "--quiet");
              finished.set(true);
            });
    t.start();
    while (!finished.get()) {
      Optional<Path> metrics = firstRun(runs).map(d -> d.resolve("metrics.csv"));
      if (metrics.isPresent()
          && Files.exists(metrics.get())
          && Files.readAllLines(metrics.get()).size() > lines) {
        t.interrupt();
        break;
      }
      Thread.sleep(2);
    }
    t.join();
    return firstRun(runs).orElseThrow();
  }

  /** The first run directory under {@code runs}, once there is one (the folder comes first). */
  private static Optional<Path> firstRun(Path runs) throws Exception {
    if (!Files.isDirectory(runs)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(runs)) {
      return s.filter(Files::isDirectory).findFirst();
    }
  }
}
