package org.mnist1d.workbench.cli;

import java.util.List;
import org.mnist1d.workbench.data.DatasetWorkload;

/** The registry of benchmark workloads, in the order {@code workbench bench} runs them. */
public final class BenchWorkloads {
  private BenchWorkloads() {}

  /** Every workload, one line each. */
  public static List<BenchWorkload> all() {
    return List.of(
        new DatasetWorkload());
  }
}
