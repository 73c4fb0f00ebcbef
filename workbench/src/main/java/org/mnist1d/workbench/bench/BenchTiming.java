package org.mnist1d.workbench.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

/** Times a workload: warm-up calls, then timed ones; median, min and max, and peak memory. */
public final class BenchTiming {
  private BenchTiming() {}

  /**
   * One workload's figures: milliseconds per call, heap and resident-set peaks in MB (the RSS peak
   * is null where {@code /proc} does not tell it).
   */
  public record Result(
      String name,
      double medianMs,
      double minMs,
      double maxMs,
      int iterations,
      int warmup,
      double peakHeapMb,
      Double peakRssMb) {}

  /**
   * Prepares {@code w}, calls it {@code warmup} times untimed and {@code iterations} times timed.
   */
  public static Result run(BenchWorkload w, int warmup, int iterations) throws Exception {
    Result[] last = new Result[1];
    rounds(w, warmup, iterations, 1, () -> true, r -> last[0] = r);
    return last[0];
  }

  /** Says when the next timed round may start; false ends the rounds. */
  public interface Pace {
    boolean next() throws IOException;

    /** Called once, after the warm-up and before the first round. */
    default void warmedUp() {}
  }

  /**
   * Prepares {@code w} once, calls it {@code warmup} times untimed, then times up to {@code rounds}
   * rounds of {@code iterations} calls, each started when {@code pace} allows, and hands each
   * round's figures to {@code out}. Pacing lets another program alternate its own timings with
   * these in one warm process, so both sides see the same machine load.
   */
  public static void rounds(
      BenchWorkload w, int warmup, int iterations, int rounds, Pace pace, Consumer<Result> out)
      throws Exception {
    double[] ms = new double[iterations];
    resetHeapPeaks();
    try (BenchWorkload.Trial trial = w.prepare()) {
      for (int i = 0; i < warmup; i++) {
        trial.runOnce();
      }
      pace.warmedUp();
      for (int round = 0; round < rounds && pace.next(); round++) {
        for (int i = 0; i < iterations; i++) {
          long t0 = System.nanoTime();
          trial.runOnce();
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        out.accept(figures(w.name(), ms, warmup));
      }
    }
  }

  private static Result figures(String name, double[] ms, int warmup) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new Result(name, median, sorted[0], sorted[n - 1], n, warmup, peakHeapMb(), peakRssMb());
  }

  private static void resetHeapPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static double peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        bytes += p.getPeakUsage().getUsed();
      }
    }
    return bytes / (1024.0 * 1024.0);
  }

  /** The process's peak resident set (VmHWM) so far, where /proc tells it. */
  private static Double peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no RSS figure
    }
    return null;
  }
}
