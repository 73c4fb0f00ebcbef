package org.mnist1d.workbench.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.workbench.nn.ArrayValues;
import org.mnist1d.workbench.nn.ParameterSpec;
import org.mnist1d.workbench.nn.ParameterVector;

/**
 * A model's parameters as one flat vector ({@link ParameterVector}) with the optimiser that updates
 * it: a step takes the model's tensors as differentiable views of the vector, so the backward
 * gathers every gradient into one buffer and the optimiser makes one fused update for all of them.
 * Readers get detached views that follow the updates.
 *
 * <p>Each step's autograd leaf is a fresh alias of the vector's memory: the backward hands it a new
 * gradient buffer, which the update uses as scratch and the step's scope frees. A leaf kept across
 * steps would accumulate each backward into its old buffer (one more pass over the parameters) and
 * need zeroing after the update (another). Checkpoints name every array per parameter ({@code
 * param.NAME}, {@code adam.m.NAME}, ...), whatever the layout in memory.
 */
final class FlatParameters {
  private final ParameterVector layout;
  private final List<String> names;
  private final NDManager manager;
  private final FusedOptimizer optimizer;
  private NDArray vector;
  private NDList views;
  private NDArray leaf;

  /**
   * {@code initial} (one flat array per parameter of {@code specs}) as the vector, on {@code
   * manager}.
   */
  FlatParameters(
      List<ParameterSpec> specs,
      NDManager manager,
      FusedOptimizer optimizer,
      List<double[]> initial,
      DataType type) {
    this.layout = ParameterVector.of(specs);
    this.names = specs.stream().map(ParameterSpec::name).toList();
    this.manager = manager;
    this.optimizer = optimizer;
    set(flat(initial, type));
  }

  /** Makes {@code values} (the flat vector, on this manager) the parameters, with their views. */
  private void set(NDArray values) {
    if (vector != null) {
      views.close();
      vector.close();
    }
    vector = values;
    // the vector is no autograd leaf (each step makes its own), so its views are not tracked; they
    // share its memory and follow its in-place updates
    views = layout.views(vector);
  }

  /** The flat vector (borrow it into a step's scope before calling {@link #trainable()}). */
  NDArray vector() {
    return vector;
  }

  /** The parameters in the model's shapes, detached: they follow the updates. */
  NDList views() {
    return views;
  }

  /**
   * The parameters in the model's shapes as differentiable views of this step's leaf, a fresh alias
   * of the vector made on the vector's current manager (the step's scope, which frees it): call
   * inside a gradient collector, then backward, then {@link #update}.
   */
  NDList trainable() {
    leaf = vector.stopGradient();
    leaf.setRequiresGradient(true);
    return layout.views(leaf);
  }

  /** The optimiser's update for step {@code t} from the gradient of this step's leaf. */
  void update(int t) {
    if (leaf == null || !leaf.hasGradient()) {
      throw new IllegalStateException("update before a backward through trainable()");
    }
    NDArray gradient = leaf.getGradient();
    gradient.attach(leaf.getManager()); // the handle goes with the step's scope
    optimizer.update(new NDList(vector), new NDList(gradient), t);
    leaf = null;
  }

  /** Per-parameter arrays (masks, say) as one flat array of the vector's type, on its manager. */
  NDArray flat(List<double[]> perParameter) {
    return flat(perParameter, vector.getDataType());
  }

  private NDArray flat(List<double[]> perParameter, DataType type) {
    return ArrayValues.of(manager, layout.concat(perParameter), layout.shape(), type);
  }

  /** The current values, one flat array per parameter. */
  List<double[]> values() {
    return layout.split(ArrayValues.values(vector));
  }

  /**
   * Parameters and optimiser state keyed by name: {@code param.NAME} per parameter, then the
   * optimiser's arrays ({@code adam.m.NAME}, ...), for a checkpoint.
   */
  Map<String, double[]> snapshot() {
    Map<String, double[]> out = new LinkedHashMap<>();
    List<double[]> values = values();
    for (int i = 0; i < names.size(); i++) {
      out.put("param." + names.get(i), values.get(i));
    }
    try (NDList state = optimizer.state()) {
      // each state array is laid out like the vector; the names go parameter by parameter, state
      // array by state array (adam.m.w1, adam.m.b1, ..., adam.v.w1, ...)
      List<String> stateNames = state.isEmpty() ? List.of() : optimizer.stateNames(names);
      for (int k = 0; k < state.size(); k++) {
        List<double[]> parts = layout.split(ArrayValues.values(state.get(k)));
        for (int i = 0; i < names.size(); i++) {
          out.put(stateNames.get(k * names.size() + i), parts.get(i));
        }
      }
    }
    return out;
  }

  /** Restores a {@link #snapshot()}: the parameters, and the optimiser's state where present. */
  void restore(Map<String, double[]> snapshot) {
    DataType type = vector.getDataType();
    List<double[]> values = new ArrayList<>();
    for (String name : names) {
      values.add(required(snapshot, "param." + name));
    }
    // the state in float64, as the optimiser gave it: it rounds to the parameters' type itself
    try (NDList state = new NDList()) {
      List<String> stateNames = optimizer.stateNames(names);
      if (stateNames.stream().anyMatch(snapshot::containsKey)) {
        for (int k = 0; k < stateNames.size() / names.size(); k++) {
          List<double[]> parts = new ArrayList<>();
          for (int i = 0; i < names.size(); i++) {
            parts.add(required(snapshot, stateNames.get(k * names.size() + i)));
          }
          state.add(flat(parts, DataType.FLOAT64));
        }
      }
      set(flat(values, type));
      optimizer.restore(state, type);
    }
  }

  private static double[] required(Map<String, double[]> snapshot, String name) {
    double[] a = snapshot.get(name);
    if (a == null) {
      throw new IllegalStateException("checkpoint has no array '" + name + "'");
    }
    return a;
  }
}
