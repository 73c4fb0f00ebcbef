package org.mnist1d.workbench.cli;

/**
 * The {@code --threads N} option's effect: PyTorch's intra- and inter-op thread counts. They are
 * read once, when the engine first loads, so this must run before any DJL class is touched.
 */
public final class EngineThreads {
  public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
  public static final String INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";

  private EngineThreads() {}

  /** Sets both counts to {@code threads}; null leaves the engine's default. */
  public static void set(Integer threads) {
    if (threads == null) {
      return;
    }
    if (threads < 1) {
      throw new UserError("--threads: expected an integer >= 1, got " + threads);
    }
    System.setProperty(THREADS_PROPERTY, String.valueOf(threads));
    System.setProperty(INTEROP_THREADS_PROPERTY, String.valueOf(threads));
  }
}
