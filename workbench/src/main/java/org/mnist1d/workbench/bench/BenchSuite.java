package org.mnist1d.workbench.bench;

import java.util.List;

/**
 * A stage's benchmark workloads. Each stage (training, each experiment) provides one, listed in
 * {@code META-INF/services/org.mnist1d.workbench.bench.BenchSuite}, so adding workloads touches no
 * list in this package.
 */
public interface BenchSuite {
  /** The suite's workloads, in the order {@code workbench bench} runs them. */
  List<BenchWorkload> workloads();
}
