package org.mnist1d.workbench.data;

/** Generates MNIST-1D exactly as the Python reference does (see shared/spec/mnist1d.md). */
public final class Mnist1d {
  private Mnist1d() {}

  /** Makes the dataset for these arguments. */
  public static Mnist1dData generate(Mnist1dArgs args) {
    throw new UnsupportedOperationException("MNIST-1D generator not implemented yet");
  }
}
