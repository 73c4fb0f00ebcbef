package org.mnist1d.workbench.experiments.pooling;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.mnist1d.workbench.nn.Pooling;

/**
 * The five ways the pooling benchmark downsamples after each convolution: not at all, by a stride
 * of 2 in the convolution, or by max, average or L2 pooling over windows of 2 after it.
 */
public enum Downsampling {
  /** Stride 1, no pooling: the feature maps keep all 40 positions. */
  NO_POOL("no_pool", 1, Pooling.IDENTITY),
  /** Stride 2 in both convolutions (40, 20, 10 positions). */
  STRIDE_2("stride_2", 2, Pooling.IDENTITY),
  /** Stride 1, then max over windows of 2. */
  MAX_POOL("max_pool", 1, Pooling.MAX),
  /** Stride 1, then the mean over windows of 2. */
  AVG_POOL("avg_pool", 1, Pooling.AVERAGE),
  /** Stride 1, then the L2 norm over windows of 2. */
  L2_POOL("l2_pool", 1, Pooling.L2);

  /** The names configs use, in the published order. */
  public static final List<String> NAMES =
      Arrays.stream(values()).map(Downsampling::configName).toList();

  /** Pooling window (and stride) of the pooling variants. */
  static final int WINDOW = 2;

  private final String configName;
  private final int stride;
  private final Pooling pooling;

  Downsampling(String configName, int stride, Pooling pooling) {
    this.configName = configName;
    this.stride = stride;
    this.pooling = pooling;
  }

  /** The name in configs: no_pool, stride_2, max_pool, avg_pool, l2_pool. */
  public String configName() {
    return configName;
  }

  /** The convolutions' stride. */
  public int stride() {
    return stride;
  }

  /** The pooling after each convolution's relu. */
  public Pooling pooling() {
    return pooling;
  }

  /** The variant called {@code name} in configs. */
  public static Optional<Downsampling> named(String name) {
    return Arrays.stream(values()).filter(d -> d.configName.equals(name)).findFirst();
  }

  /** Positions after one convolution (kernel 3, padding 1) and its pooling. */
  int after(int length) {
    int convolved = (length + 2 - 3) / stride + 1;
    return pooling.outputLength(convolved, WINDOW);
  }
}
