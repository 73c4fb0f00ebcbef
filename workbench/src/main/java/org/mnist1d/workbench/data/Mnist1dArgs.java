package org.mnist1d.workbench.data;

/**
 * The twelve arguments of the MNIST-1D generator, with the reference's defaults.
 *
 * <p>Names follow the Python reference ({@code num_samples}, {@code train_split}, ...).
 */
public record Mnist1dArgs(
    int numSamples,
    double trainSplit,
    int templateLen,
    int paddingLow,
    int paddingHigh,
    double scaleCoeff,
    int maxTranslation,
    double corrNoiseScale,
    double iidNoiseScale,
    double shearScale,
    boolean shuffleSeq,
    int finalSeqLength,
    long seed) {

  /** The reference defaults: 5000 samples, 4000/1000 split, 40 positions, seed 42. */
  public static Mnist1dArgs defaults() {
    return new Mnist1dArgs(5000, 0.8, 12, 36, 60, 0.4, 48, 0.25, 0.02, 0.75, false, 40, 42L);
  }
}
