package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.Locale;
import org.mnist1d.workbench.nn.Scalars;

/** The fixed activations of the published baselines, each with its explicit derivative. */
public final class ActivationFunctions {
  private ActivationFunctions() {}

  /** The baseline names, in the published order. */
  public static final List<String> BASELINES =
      List.of("relu", "swish", "elu", "softplus", "tanh", "sigmoid");

  /** The fixed activation called {@code name}. */
  public static ActivationFunction named(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "relu":
        return fixed(
            "relu",
            (z, c) -> {
              NDArray positive = z.gt(c.of(0)).toType(c.type(), false);
              return new NDList(ai.djl.nn.Activation.relu(z), positive);
            });
      case "swish":
        return fixed(
            "swish",
            (z, c) -> {
              NDArray s = ai.djl.nn.Activation.sigmoid(z);
              NDArray value = z.mul(s);
              // d/dz z s(z) = s + z s (1 - s) = s + value - value * s
              return new NDList(value, s.add(value).sub(value.mul(s)));
            });
      case "elu":
        return fixed("elu", (z, c) -> new NDList(ai.djl.nn.Activation.elu(z, 1f), eluSlope(z, c)));
      case "softplus":
        return fixed(
            "softplus",
            (z, c) ->
                new NDList(ai.djl.nn.Activation.softPlus(z), ai.djl.nn.Activation.sigmoid(z)));
      case "tanh":
        return fixed(
            "tanh",
            (z, c) -> {
              NDArray t = z.tanh();
              return new NDList(t, t.square().neg().add(c.of(1)));
            });
      case "sigmoid":
        return fixed(
            "sigmoid",
            (z, c) -> {
              NDArray s = ai.djl.nn.Activation.sigmoid(z);
              return new NDList(s, s.sub(s.square()));
            });
      default:
        throw new IllegalArgumentException(
            "activation: expected one of " + BASELINES + ", got '" + name + "'");
    }
  }

  /** ELU's derivative (alpha 1): 1 above zero, exp(z) below, i.e. exp(min(z, 0)). */
  static NDArray eluSlope(NDArray z, Scalars c) {
    return z.minimum(c.of(0)).exp();
  }

  private interface Rule {
    NDList apply(NDArray z, Scalars c);
  }

  private static ActivationFunction fixed(String name, Rule rule) {
    return new ActivationFunction() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public NDList valueAndSlope(NDArray z, NDList hyper, StepNoise noise, Scalars c) {
        return rule.apply(z, c);
      }
    };
  }
}
