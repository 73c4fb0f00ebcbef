package org.mnist1d.workbench.metagrad;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outer loop's state as named checkpoint arrays and back: each hyperparameter under {@code
 * hyper.NAME}, the optimiser's state under {@code outer.NAME} ({@link OuterOptimizer#stateNames}),
 * so a checkpoint file says what each array is.
 */
public final class OuterCheckpoints {
  private OuterCheckpoints() {}

  /** The arrays of {@code state}, whose hyperparameters are called {@code hyperNames}. */
  public static Map<String, double[]> arrays(
      OuterLoop.State state, List<String> hyperNames, OuterOptimizer optimizer) {
    Map<String, double[]> a = new LinkedHashMap<>();
    for (int i = 0; i < hyperNames.size(); i++) {
      a.put("hyper." + hyperNames.get(i), state.hyper()[i]);
    }
    if (state.optimizerState().length > 0) {
      List<String> names = optimizer.stateNames(hyperNames);
      for (int i = 0; i < names.size(); i++) {
        a.put("outer." + names.get(i), state.optimizerState()[i]);
      }
    }
    return a;
  }

  /** The state saved by {@link #arrays} at outer step {@code step}. */
  public static OuterLoop.State state(
      int step, Map<String, double[]> arrays, List<String> hyperNames, OuterOptimizer optimizer) {
    double[][] hyper = new double[hyperNames.size()][];
    for (int i = 0; i < hyper.length; i++) {
      hyper[i] = required(arrays, "hyper." + hyperNames.get(i));
    }
    List<String> names = optimizer.stateNames(hyperNames);
    boolean saved = names.stream().anyMatch(n -> arrays.containsKey("outer." + n));
    double[][] optimizerState = new double[saved ? names.size() : 0][];
    for (int i = 0; i < optimizerState.length; i++) {
      optimizerState[i] = required(arrays, "outer." + names.get(i));
    }
    return new OuterLoop.State(step, hyper, optimizerState);
  }

  private static double[] required(Map<String, double[]> arrays, String name) {
    double[] a = arrays.get(name);
    if (a == null) {
      throw new IllegalStateException("checkpoint has no array '" + name + "'");
    }
    return a;
  }
}
