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
 * The MNIST-1D paper's four classifiers, built from DJL's fused operations: {@code linear}, {@code
 * conv1d}, and for the GRU on a GPU the GRU op ({@link BidirectionalGru}, the same recurrence
 * written out, on the CPU).
 */
public final class Models {
  private Models() {}

  /** The model names configs accept. */
  public static final List<String> NAMES = List.of("logistic", "mlp", "cnn", "gru");

  /**
   * The model called {@code name} for inputs of {@code length} positions and {@code classes}
   * outputs.
   */
  public static Model named(String name, int length, int classes) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "logistic" -> logistic(length, classes);
      case "mlp" -> mlp(length, 100, classes);
      case "cnn" -> cnn(length, 25, classes);
      case "gru" -> gru(length, 6, classes);
      default ->
          throw new IllegalArgumentException(
              "model: expected one of " + NAMES + ", got '" + name + "'");
    };
  }

  private static ParameterSpec weight(String name, long out, long in) {
    return new ParameterSpec(name, new Shape(out, in), 1 / Math.sqrt(in));
  }

  private static ParameterSpec bias(String name, long out, long fanIn) {
    return new ParameterSpec(name, new Shape(out), 1 / Math.sqrt(fanIn));
  }

  private static NDArray linear(NDArray x, NDArray w, NDArray b) {
    return Linear.linear(x, w, b).singletonOrThrow();
  }

  /** Linear(L, classes). */
  public static Model logistic(int length, int classes) {
    List<ParameterSpec> ps = List.of(weight("w", classes, length), bias("b", classes, length));
    return new Fixed("logistic", ps) {
      @Override
      public NDArray penultimate(NDList p, NDArray x) {
        return x;
      }
    };
  }

  /** h = relu(Linear(L,H) x); h = h + relu(Linear(H,H) h); Linear(H, classes) h. */
  public static Model mlp(int length, int hidden, int classes) {
    List<ParameterSpec> ps =
        List.of(
            weight("w1", hidden, length),
            bias("b1", hidden, length),
            weight("w2", hidden, hidden),
            bias("b2", hidden, hidden),
            weight("w3", classes, hidden),
            bias("b3", classes, hidden));
    return new Fixed("mlp", ps) {
      @Override
      public NDArray penultimate(NDList p, NDArray x) {
        NDArray h = Activation.relu(linear(x, p.get(0), p.get(1)));
        return h.add(Activation.relu(linear(h, p.get(2), p.get(3))));
      }
    };
  }

  /** Three strided Conv1d + relu layers (k5 s2 p1, k3 s2 p1, k3 s2 p1), flatten, Linear. */
  public static Model cnn(int length, int channels, int classes) {
    int l1 = (length + 2 - 5) / 2 + 1;
    int l2 = (l1 + 2 - 3) / 2 + 1;
    int l3 = (l2 + 2 - 3) / 2 + 1;
    List<ParameterSpec> ps =
        List.of(
            new ParameterSpec("conv1.w", new Shape(channels, 1, 5), 1 / Math.sqrt(5)),
            bias("conv1.b", channels, 5),
            new ParameterSpec(
                "conv2.w", new Shape(channels, channels, 3), 1 / Math.sqrt(channels * 3.0)),
            bias("conv2.b", channels, channels * 3L),
            new ParameterSpec(
                "conv3.w", new Shape(channels, channels, 3), 1 / Math.sqrt(channels * 3.0)),
            bias("conv3.b", channels, channels * 3L),
            weight("linear.w", classes, (long) channels * l3),
            bias("linear.b", classes, (long) channels * l3));
    Shape stride = new Shape(2);
    Shape pad = new Shape(1);
    Shape dilation = new Shape(1);
    return new Fixed("cnn", ps) {
      @Override
      public NDArray penultimate(NDList p, NDArray x) {
        NDArray h = x.reshape(x.getShape().get(0), 1, x.getShape().get(1));
        for (int layer = 0; layer < 3; layer++) {
          h =
              Activation.relu(
                  Conv1d.conv1d(h, p.get(2 * layer), p.get(2 * layer + 1), stride, pad, dilation, 1)
                      .singletonOrThrow());
        }
        return h.reshape(h.getShape().get(0), -1);
      }
    };
  }

  /**
   * A bidirectional GRU over the positions (one input feature each), all outputs flattened, then
   * Linear. Parameters per direction in PyTorch's order: w_ih (3H x 1), w_hh (3H x H), b_ih, b_hh.
   */
  public static Model gru(int length, int hidden, int classes) {
    List<ParameterSpec> ps = new ArrayList<>();
    double bound = 1 / Math.sqrt(hidden);
    for (String dir : List.of("fwd", "bwd")) {
      ps.add(new ParameterSpec("gru." + dir + ".w_ih", new Shape(3L * hidden, 1), bound));
      ps.add(new ParameterSpec("gru." + dir + ".w_hh", new Shape(3L * hidden, hidden), bound));
      ps.add(new ParameterSpec("gru." + dir + ".b_ih", new Shape(3L * hidden), bound));
      ps.add(new ParameterSpec("gru." + dir + ".b_hh", new Shape(3L * hidden), bound));
    }
    ps.add(weight("linear.w", classes, 2L * hidden * length));
    ps.add(bias("linear.b", classes, 2L * hidden * length));
    return new Fixed("gru", ps) {
      @Override
      public NDArray penultimate(NDList p, NDArray x) {
        long batch = x.getShape().get(0);
        NDList gru = new NDList(p.subList(0, 8));
        NDArray out;
        if (x.getDevice().isGpu()) {
          // the engine's fused op (cuDNN): one call where the written-out steps are hundreds
          NDArray seq = x.reshape(batch, length, 1);
          NDArray h0 = seq.getManager().zeros(new Shape(2, batch, hidden), x.getDataType());
          out = seq.getNDArrayInternal().gru(seq, h0, gru, true, 1, 0, false, true, true).get(0);
        } else {
          out = BidirectionalGru.outputs(x, gru, hidden);
        }
        return out.reshape(batch, -1);
      }
    };
  }

  /**
   * A model with a fixed parameter list whose last two parameters are the final linear layer's
   * weight and bias: logits are that layer applied to {@link #penultimate}.
   */
  private abstract static class Fixed implements Model {
    private final String name;
    private final List<ParameterSpec> parameters;

    Fixed(String name, List<ParameterSpec> parameters) {
      this.name = name;
      this.parameters = List.copyOf(parameters);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public List<ParameterSpec> parameters() {
      return parameters;
    }

    @Override
    public abstract NDArray penultimate(NDList params, NDArray x);

    @Override
    public NDArray forward(NDList p, NDArray x) {
      int n = parameters.size();
      return linear(penultimate(p, x), p.get(n - 2), p.get(n - 1));
    }
  }
}
