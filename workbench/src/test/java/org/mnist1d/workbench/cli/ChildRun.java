package org.mnist1d.workbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mnist1d.workbench.run.RunDirectory;

/**
 * The CLI in a child JVM (so that a test can kill it with SIGKILL), with this JVM's class path and
 * PyTorch thread count, output to a log file.
 */
public final class ChildRun {
  private ChildRun() {}

  /** Starts {@code workbench ARGS...} in a child JVM; stdout and stderr go to {@code log}. */
  public static Process start(Path log, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                // the same thread count as this JVM: float reductions then run in the same order
                "-Dai.djl.pytorch.num_threads="
                    + System.getProperty("ai.djl.pytorch.num_threads", "1"),
                "-Dmnist1d.cache=" + System.getProperty("mnist1d.cache", ""),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /**
   * Waits (at most 2 minutes) until the first run directory under {@code runs} has a checkpoint and
   * more than {@code rows} lines in metrics.csv (header included); returns it, or null.
   */
  public static Path awaitRows(Path runs, int rows) throws Exception {
    Path dir = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try (Stream<Path> s = Files.exists(runs) ? Files.list(runs) : Stream.empty()) {
        dir = s.filter(Files::isDirectory).findFirst().orElse(null);
      }
      if (dir != null
          && Files.exists(dir.resolve(RunDirectory.CHECKPOINT))
          && Files.exists(dir.resolve("metrics.csv"))
          && Files.readAllLines(dir.resolve("metrics.csv")).size() > rows) {
        return dir;
      }
      Thread.sleep(20);
    }
    return dir;
  }
}
