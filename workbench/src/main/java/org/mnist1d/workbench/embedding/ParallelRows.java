package org.mnist1d.workbench.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a per-row computation over a fixed set of worker threads.
 *
 * <p>Workers claim blocks of consecutive rows as they go, so a slow core does not hold the others
 * up; this cannot change any result, because a row's output must depend only on the row (callers
 * write each row's result into its own slot and combine rows afterwards in index order).
 */
final class ParallelRows implements AutoCloseable {
  /** Rows per claim unless asked otherwise: small enough to balance, large enough to amortise. */
  static final int DEFAULT_BLOCK = 32;

  /** Work on rows {@code [from, to)} by the worker with index {@code worker} (for its scratch). */
  @FunctionalInterface
  interface RowBlock {
    void run(int from, int to, int worker);
  }

  private final int threads;
  private final ExecutorService pool;

  ParallelRows(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.pool =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread t = new Thread(r, "tsne-rows");
                  t.setDaemon(true);
                  return t;
                });
  }

  /** The number of workers; scratch arrays are indexed by worker. */
  int threads() {
    return threads;
  }

  /** Runs {@code block} over rows {@code [0, rows)} in blocks of the default size. */
  void forEach(int rows, RowBlock block) {
    forEach(rows, DEFAULT_BLOCK, block);
  }

  /**
   * Runs {@code block} over rows {@code [0, rows)}, handing out at most {@code size} rows at a
   * time, and returns when all are done.
   */
  void forEach(int rows, int size, RowBlock block) {
    if (pool == null || rows <= size) {
      block.run(0, rows, 0);
      return;
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> running = new ArrayList<>(threads);
    for (int w = 0; w < threads; w++) {
      int worker = w;
      running.add(
          pool.submit(
              () -> {
                for (int from = next.getAndAdd(size); from < rows; from = next.getAndAdd(size)) {
                  block.run(from, Math.min(rows, from + size), worker);
                }
              }));
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while computing rows", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
