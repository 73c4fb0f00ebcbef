package org.mnist1d.workbench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The self-supervised encoder of the MNIST-1D SimCLR experiment: the CNN benchmark's three strided
 * convolutions (Conv1d(1,C,5,s2,p1), Conv1d(C,C,3,s2,p1), Conv1d(C,C,3,s2,p1), each followed by a
 * relu), flattened to the features {@code H} (5C values, channel-major as torch's {@code view}),
 * then a projector to the embedding {@code Z}.
 *
 * <p>Projectors: {@link Projector#STANDARD} Linear(5C, W) relu Linear(W, D); {@link Projector#DEEP}
 * three Linear + relu layers of width W, then Linear(W, D); {@link Projector#NONE} no projector, so
 * {@code Z = H}. {@link #forward} returns {@code Z}, {@link #features} {@code H}, and {@link
 * #layers} every layer's output (h1, h2, h3, then each projector layer).
 */
public final class SimClrEncoder implements Model {
  /** Which projector follows the convolutions. */
  public enum Projector {
    STANDARD(1),
    NONE(0),
    DEEP(3);

    private final int hiddenLayers;

    Projector(int hiddenLayers) {
      this.hiddenLayers = hiddenLayers;
    }

    /** The config name: standard, none or deep. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The projector called {@code name} (standard, none, deep). */
    public static Projector named(String name) {
      for (Projector p : values()) {
        if (p.configName().equals(name)) {
          return p;
        }
      }
      throw new IllegalArgumentException(
          "projector: expected standard, none or deep, got '" + name + "'");
    }
  }

  private static final Shape STRIDE = new Shape(2);
  private static final Shape PAD = new Shape(1);
  private static final Shape DILATION = new Shape(1);

  private final Projector projector;
  private final int featureDim;
  private final List<ParameterSpec> parameters;

  /**
   * An encoder for inputs of {@code length} positions with {@code channels} convolution channels, a
   * projector of hidden width {@code width} and embedding size {@code outputDim}.
   */
  public SimClrEncoder(int length, int channels, Projector projector, int width, int outputDim) {
    this.projector = projector;
    int l1 = (length + 2 - 5) / 2 + 1;
    int l2 = (l1 + 2 - 3) / 2 + 1;
    int l3 = (l2 + 2 - 3) / 2 + 1;
    this.featureDim = channels * l3;
    List<ParameterSpec> ps = new ArrayList<>();
    ps.add(new ParameterSpec("conv1.w", new Shape(channels, 1, 5), 1 / Math.sqrt(5)));
    ps.add(new ParameterSpec("conv1.b", new Shape(channels), 1 / Math.sqrt(5)));
    for (String conv : List.of("conv2", "conv3")) {
      double bound = 1 / Math.sqrt(channels * 3.0);
      ps.add(new ParameterSpec(conv + ".w", new Shape(channels, channels, 3), bound));
      ps.add(new ParameterSpec(conv + ".b", new Shape(channels), bound));
    }
    int in = featureDim;
    int linears = projector == Projector.NONE ? 0 : projector.hiddenLayers + 1;
    for (int k = 1; k <= linears; k++) {
      int out = k == linears ? outputDim : width;
      double bound = 1 / Math.sqrt(in);
      ps.add(new ParameterSpec("linear" + k + ".w", new Shape(out, in), bound));
      ps.add(new ParameterSpec("linear" + k + ".b", new Shape(out), bound));
      in = out;
    }
    this.parameters = List.copyOf(ps);
  }

  /** The notebook's encoder: 25 channels, projector width 125, embedding 16, inputs of 40. */
  public static SimClrEncoder upstream(Projector projector) {
    return new SimClrEncoder(40, 25, projector, 125, 16);
  }

  @Override
  public String name() {
    return "simclr-" + projector.configName();
  }

  /** The projector variant. */
  public Projector projector() {
    return projector;
  }

  /** The size of the features {@code H}. */
  public int featureDim() {
    return featureDim;
  }

  @Override
  public List<ParameterSpec> parameters() {
    return parameters;
  }

  /** The embedding {@code Z} (B x D; {@code H} itself without a projector). */
  @Override
  public NDArray forward(NDList params, NDArray x) {
    NDList all = layers(params, x);
    return all.get(all.size() - 1);
  }

  /** The features {@code H} (B x 5C) after the convolutions. */
  public NDArray features(NDList params, NDArray x) {
    NDArray h = x.reshape(x.getShape().get(0), 1, x.getShape().get(1));
    for (int layer = 0; layer < 3; layer++) {
      h = conv(params, layer, h);
    }
    return h.reshape(h.getShape().get(0), -1);
  }

  /**
   * Every layer's output, flattened to B x features: h1, h2, h3 (= H), then each projector layer
   * (relu'd except the last, which is Z).
   */
  public NDList layers(NDList params, NDArray x) {
    NDList out = new NDList();
    long batch = x.getShape().get(0);
    NDArray h = x.reshape(batch, 1, x.getShape().get(1));
    for (int layer = 0; layer < 3; layer++) {
      h = conv(params, layer, h);
      out.add(h.reshape(batch, -1));
    }
    NDArray p = out.get(2);
    int linears = (params.size() - 6) / 2;
    for (int k = 0; k < linears; k++) {
      p = Linear.linear(p, params.get(6 + 2 * k), params.get(7 + 2 * k)).singletonOrThrow();
      if (k < linears - 1) {
        p = Activation.relu(p);
      }
      out.add(p);
    }
    return out;
  }

  private static NDArray conv(NDList params, int layer, NDArray h) {
    return Activation.relu(
        Conv1d.conv1d(h, params.get(2 * layer), params.get(2 * layer + 1), STRIDE, PAD, DILATION, 1)
            .singletonOrThrow());
  }
}
