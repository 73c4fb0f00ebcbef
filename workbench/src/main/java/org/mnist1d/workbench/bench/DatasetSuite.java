package org.mnist1d.workbench.bench;

import java.util.List;

/** The dataset library's workload: generating the default MNIST-1D dataset. */
public final class DatasetSuite implements BenchSuite {
  @Override
  public List<BenchWorkload> workloads() {
    return List.of(new DatasetWorkload());
  }
}
