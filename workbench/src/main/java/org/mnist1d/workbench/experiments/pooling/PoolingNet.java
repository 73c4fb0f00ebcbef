package org.mnist1d.workbench.experiments.pooling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.ParameterSpec;

/**
 * The pooling benchmark's two-convolution classifier: {@code h1 = pool(relu(conv1 x))}, {@code h2 =
 * pool(relu(conv2 h1))}, flatten, Linear. Both convolutions have kernel 3, padding 1, the same
 * number of channels (20 in the benchmark) and the variant's stride; parameters {@code conv1.w} (C,
 * 1, 3), {@code conv1.b}, {@code conv2.w} (C, C, 3), {@code conv2.b}, {@code linear.w} (classes, C
 * * L2), {@code linear.b}, PyTorch's default initialisation bounds.
 */
public final class PoolingNet implements Model {
  private final Downsampling variant;
  private final int channels;
  private final int length;
  private final int classes;
  private final List<ParameterSpec> parameters;
  private final Shape stride;
  private static final Shape PAD = new Shape(1);
  private static final Shape DILATION = new Shape(1);

  /** The {@code variant} with {@code channels} channels, for inputs of {@code length} positions. */
  public PoolingNet(Downsampling variant, int channels, int length, int classes) {
    this.variant = variant;
    this.channels = channels;
    this.length = length;
    this.classes = classes;
    this.stride = new Shape(variant.stride());
    long linearIn = (long) channels * variant.after(variant.after(length));
    this.parameters =
        List.of(
            new ParameterSpec("conv1.w", new Shape(channels, 1, 3), 1 / Math.sqrt(3)),
            new ParameterSpec("conv1.b", new Shape(channels), 1 / Math.sqrt(3)),
            new ParameterSpec(
                "conv2.w", new Shape(channels, channels, 3), 1 / Math.sqrt(3.0 * channels)),
            new ParameterSpec("conv2.b", new Shape(channels), 1 / Math.sqrt(3.0 * channels)),
            new ParameterSpec("linear.w", new Shape(classes, linearIn), 1 / Math.sqrt(linearIn)),
            new ParameterSpec("linear.b", new Shape(classes), 1 / Math.sqrt(linearIn)));
  }

  @Override
  public String name() {
    return variant.configName();
  }

  /** The downsampling variant. */
  public Downsampling variant() {
    return variant;
  }

  @Override
  public List<ParameterSpec> parameters() {
    return parameters;
  }

  /** The pooled feature maps {@code h1} (B, C, L1) and {@code h2} (B, C, L2). */
  public NDList features(NDList p, NDArray x) {
    NDArray h = x.reshape(x.getShape().get(0), 1, length);
    NDArray h1 = block(h, p.get(0), p.get(1));
    NDArray h2 = block(h1, p.get(2), p.get(3));
    return new NDList(h1, h2);
  }

  private NDArray block(NDArray h, NDArray w, NDArray b) {
    NDArray conv = Conv1d.conv1d(h, w, b, stride, PAD, DILATION, 1).singletonOrThrow();
    return variant.pooling().apply(Activation.relu(conv), Downsampling.WINDOW);
  }

  @Override
  public NDArray forward(NDList p, NDArray x) {
    NDArray h2 = features(p, x).get(1);
    return Linear.linear(h2.reshape(h2.getShape().get(0), -1), p.get(4), p.get(5))
        .singletonOrThrow();
  }

  /** Channels of both convolutions. */
  public int channels() {
    return channels;
  }

  /** Output classes. */
  public int classes() {
    return classes;
  }
}
