package org.mnist1d.workbench.bench;

/**
 * One named workload of {@code workbench bench}: set up once, then timed call by call.
 *
 * <p>Workloads live with the stage they measure, in a {@link BenchSuite}.
 */
public interface BenchWorkload {
  /** The name given on the command line, e.g. {@code dataset-default}. */
  String name();

  /** One line saying what a single iteration does. */
  String description();

  /** Builds the state a run needs (data, models); the returned trial is closed afterwards. */
  Trial prepare() throws Exception;

  /** Untimed iterations before measuring. */
  default int warmup() {
    return 3;
  }

  /** Timed iterations. */
  default int iterations() {
    return 20;
  }

  /** Prepared state whose {@link #runOnce()} is the timed operation. */
  interface Trial extends AutoCloseable {
    void runOnce() throws Exception;

    @Override
    default void close() throws Exception {}

    /** A trial that runs {@code step} and, when closed, closes {@code resources} in order. */
    static Trial closing(Trial step, AutoCloseable... resources) {
      return new Trial() {
        @Override
        public void runOnce() throws Exception {
          step.runOnce();
        }

        @Override
        public void close() throws Exception {
          for (AutoCloseable r : resources) {
            r.close();
          }
        }
      };
    }
  }
}
