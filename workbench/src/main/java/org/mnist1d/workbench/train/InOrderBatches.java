package org.mnist1d.workbench.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference harness's mini-batches: step {@code s} trains on rows {@code [b, b + B)} with
 * {@code b = (s * B) mod n} (shorter at the end when B does not divide n). They repeat with period
 * {@code lcm(n, B) / B}; each distinct one is sliced once.
 */
public final class InOrderBatches {
  private final List<Split> batches;

  private InOrderBatches(List<Split> batches) {
    this.batches = batches;
  }

  /** The distinct in-order batches of {@code batch} rows of {@code x}, {@code y} on {@code m}. */
  public static InOrderBatches of(
      NDManager m, double[][] x, int[] y, int batch, int classes, DataType type) {
    List<Split> out = new ArrayList<>();
    for (int start = 0; ; start = (start + batch) % x.length) {
      if (!out.isEmpty() && start == 0) {
        break;
      }
      out.add(Split.of(m, x, y, start, Math.min(start + batch, x.length), classes, type));
    }
    return new InOrderBatches(out);
  }

  /** The batch of step {@code step} (0-based). */
  public Split at(int step) {
    return batches.get(step % batches.size());
  }

  /** How many distinct batches there are. */
  public int period() {
    return batches.size();
  }
}
