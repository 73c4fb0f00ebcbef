package org.mnist1d.workbench.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Every registered benchmark workload: the suites found by {@link ServiceLoader}, in file order.
 */
public final class BenchWorkloads {
  private BenchWorkloads() {}

  /** Every workload, suite by suite. */
  public static List<BenchWorkload> all() {
    List<BenchWorkload> all = new ArrayList<>();
    for (BenchSuite suite :
        ServiceLoader.load(BenchSuite.class, BenchWorkloads.class.getClassLoader())) {
      all.addAll(suite.workloads());
    }
    return List.copyOf(all);
  }
}
