package org.mnist1d.workbench.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One case of {@code reference/torch/optimizers.json} in one precision: the starting parameters,
 * the gradient fed before each {@code opt.step()}, and the parameters and optimiser state torch
 * held after each step.
 *
 * @param dtype "float64" or "float32" (float32 values are exact float32 numbers)
 */
public record OptimizerCase(
    String name, String dtype, double[] params0, double[][] grads, List<JsonNode> steps) {

  private static final JsonNode FILE = TorchReference.read("optimizers.json");

  /** The case called {@code name} in precision {@code dtype}. */
  public static OptimizerCase of(String name, String dtype) {
    for (JsonNode c : FILE.get("cases")) {
      if (c.get("name").asText().equals(name)) {
        JsonNode d = c.get(dtype);
        List<JsonNode> steps = new ArrayList<>();
        d.get("steps").forEach(steps::add);
        return new OptimizerCase(
            name,
            dtype,
            TorchReference.doubles(d.get("params0")),
            TorchReference.rows(d.get("grads")),
            steps);
      }
    }
    throw new IllegalArgumentException("no optimizer case " + name);
  }

  /** The number of recorded steps. */
  public int size() {
    return steps.size();
  }

  /** The parameters after step {@code k} (0-based: after the (k+1)-th {@code opt.step()}). */
  public double[] params(int k) {
    return TorchReference.doubles(steps.get(k).get("params"));
  }

  /**
   * The state array {@code key} (momentum_buffer, square_avg, exp_avg, exp_avg_sq) after step k.
   */
  public double[] state(int k, String key) {
    return TorchReference.doubles(steps.get(k).get("state").get(key));
  }

  /** A scalar of the state ({@code step}) after step k. */
  public double stateScalar(int k, String key) {
    return steps.get(k).get("state").get(key).asDouble();
  }

  /** A derived Python double torch computed at step k (Adam: bias_correction1, step_size, ...). */
  public double derived(int k, String key) {
    return steps.get(k).get("derived").get(key).asDouble();
  }
}
