package org.mnist1d.workbench.cli;

import org.mnist1d.workbench.base.UserError;

/**
 * The {@code --threads N} option's effect: PyTorch's intra- and inter-op thread counts. They are
 * read once, when the engine first loads, so this must run before any DJL class is touched.
 */
public final class EngineThreads {
  public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
  public static final String INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";

  private EngineThreads() {}

  /**
   * Sets both counts to {@code threads}. Null means 1 unless {@code -Dai.djl.pytorch.num_threads}
   * was given: the paper's models are too small to gain from more threads, on a busy 2-core machine
   * two threads made steps many times slower, and one fixed count keeps results reproducible from
   * process to process (float sums depend on how work is split).
   */
  public static void set(Integer threads) {
    if (threads == null) {
      if (System.getProperty(THREADS_PROPERTY) == null) {
        System.setProperty(THREADS_PROPERTY, "1");
        System.setProperty(INTEROP_THREADS_PROPERTY, "1");
      }
      return;
    }
    if (threads < 1) {
      throw new UserError("--threads: expected an integer >= 1, got " + threads);
    }
    System.setProperty(THREADS_PROPERTY, String.valueOf(threads));
    System.setProperty(INTEROP_THREADS_PROPERTY, String.valueOf(threads));
  }
}
