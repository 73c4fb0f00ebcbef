package org.mnist1d.workbench.bench;

import org.mnist1d.Mnist1d;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;

/**
 * Bench workload {@code dataset-default}: generate the default dataset (5000 examples) in-process.
 */
public final class DatasetWorkload implements BenchWorkload {
  private double sink; // keeps the JIT from dropping the work

  @Override
  public String name() {
    return "dataset-default";
  }

  @Override
  public String description() {
    return "generate the default MNIST-1D dataset (5000 examples x 40) in memory";
  }

  @Override
  public int warmup() {
    return 20;
  }

  @Override
  public int iterations() {
    return 50;
  }

  @Override
  public Trial prepare() {
    Mnist1dArgs args = Mnist1dArgs.defaults();
    return () -> {
      Mnist1dData d = Mnist1d.generate(args);
      sink += d.x()[d.x().length - 1][0];
    };
  }
}
