package org.mnist1d.workbench.meta;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.mnist1d.workbench.run.Checkpoint;

/** The outer loop's state as checkpoint arrays ({@code hyper0.., optimizer0..}) and back. */
final class OuterCheckpoints {
  private OuterCheckpoints() {}

  static Map<String, double[]> arrays(OuterLoop.State s) {
    Map<String, double[]> a = new LinkedHashMap<>();
    for (int i = 0; i < s.hyper().length; i++) {
      a.put("hyper" + i, s.hyper()[i]);
    }
    for (int i = 0; i < s.optimizerState().length; i++) {
      a.put("optimizer" + i, s.optimizerState()[i]);
    }
    return a;
  }

  static OuterLoop.State state(Optional<Checkpoint> from, OuterLoop.State initial) {
    if (from.isEmpty()) {
      return initial;
    }
    Checkpoint c = from.get();
    int hyper = 0;
    while (c.arrays().containsKey("hyper" + hyper)) {
      hyper++;
    }
    int opt = 0;
    while (c.arrays().containsKey("optimizer" + opt)) {
      opt++;
    }
    double[][] h = new double[hyper][];
    for (int i = 0; i < hyper; i++) {
      h[i] = c.array("hyper" + i);
    }
    double[][] o = new double[opt][];
    for (int i = 0; i < opt; i++) {
      o[i] = c.array("optimizer" + i);
    }
    return new OuterLoop.State((int) c.step(), h, o);
  }
}
