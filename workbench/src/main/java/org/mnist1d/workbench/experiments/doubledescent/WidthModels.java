package org.mnist1d.workbench.experiments.doubledescent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.Models;
import org.mnist1d.workbench.nn.ParameterSpec;

/**
 * The double-descent models, one free width each: the two-hidden-layer MLP of {@code width} units
 * and the ConvBase-shaped CNN with {@code width} channels.
 */
public final class WidthModels {
  private WidthModels() {}

  /** The model names configs accept. */
  public static final List<String> NAMES = List.of("mlp", "cnn");

  /** {@code mlp} or {@code cnn} of {@code width}, for inputs of {@code length} positions. */
  public static Model named(String name, int width, int length, int classes) {
    return switch (name) {
      case "mlp" -> mlp(length, width, classes);
      case "cnn" -> Models.cnn(length, width, classes);
      default ->
          throw new IllegalArgumentException(
              "model: expected one of " + NAMES + ", got '" + name + "'");
    };
  }

  /**
   * Linear(L, n), relu, Linear(n, n), relu, Linear(n, classes): two hidden layers and, unlike the
   * benchmark's MLP, no residual connection. Parameters {@code w1, b1, w2, b2, w3, b3}.
   */
  public static Model mlp(int length, int width, int classes) {
    List<ParameterSpec> ps =
        List.of(
            weight("w1", width, length),
            bias("b1", width, length),
            weight("w2", width, width),
            bias("b2", width, width),
            weight("w3", classes, width),
            bias("b3", classes, width));
    return new Model() {
      @Override
      public String name() {
        return "mlp";
      }

      @Override
      public List<ParameterSpec> parameters() {
        return ps;
      }

      @Override
      public NDArray forward(NDList p, NDArray x) {
        NDArray h = Activation.relu(linear(x, p.get(0), p.get(1)));
        h = Activation.relu(linear(h, p.get(2), p.get(3)));
        return linear(h, p.get(4), p.get(5));
      }
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
}
