package org.mnist1d.workbench.cli;

import java.util.ArrayList;
import java.util.List;
import org.mnist1d.workbench.data.DatasetWorkload;
import org.mnist1d.workbench.meta.MetaBenchWorkloads;
import org.mnist1d.workbench.train.TrainStepWorkload;

/** The registry of benchmark workloads, in the order {@code workbench bench} runs them. */
public final class BenchWorkloads {
  private BenchWorkloads() {}

  /** Every workload, one line each. */
  public static List<BenchWorkload> all() {
    List<BenchWorkload> all = new ArrayList<>();
    all.add(new DatasetWorkload());
    all.addAll(TrainStepWorkload.all());
    all.addAll(MetaBenchWorkloads.all());
    return List.copyOf(all);
  }
}
