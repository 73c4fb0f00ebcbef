package org.mnist1d.workbench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;

/**
 * The contrastive InfoNCE loss of the MNIST-1D SimCLR notebook: {@code o1 = z1 / max(|z1|, 1e-12)},
 * {@code o2} likewise (rows), {@code S = o1 o2^T / tau}, and {@code loss = mean_i(-S_ii + log sum_j
 * exp S_ij)}. Only the rows of {@code o1} are anchors and the negatives are the other view's
 * examples ("half-batch repulsion"): no same-view negatives, no symmetrised second term. Written as
 * the cross-entropy of {@code S} against the targets {@code 0..B-1}.
 *
 * <p>Differentiable; its constants live on the manager given at construction, which must stay open
 * until every backward pass through the loss has run.
 */
public final class InfoNce {
  private final NDManager manager;
  private final DataType type;
  private final NDArray inverseTau;
  private final NDArray epsilon;
  private final Map<Long, NDArray> negativeEye = new HashMap<>();

  /** The loss at temperature {@code tau}, with constants of {@code type} on {@code manager}. */
  public InfoNce(NDManager manager, double tau, DataType type) {
    this.manager = manager;
    this.type = type;
    this.inverseTau = Constants.scalar(manager, 1 / tau, type);
    this.epsilon = Constants.scalar(manager, 1e-12, type);
  }

  /** The loss of the two views' embeddings {@code z1}, {@code z2} (B x D each, same order). */
  public NDArray loss(NDArray z1, NDArray z2) {
    NDArray scores = normalize(z1).matMul(normalize(z2).transpose()).mul(inverseTau);
    return scores.logSoftmax(1).mul(targets(z1.getShape().get(0))).sum();
  }

  /**
   * Rows scaled to unit length, as torch's {@code F.normalize(z, dim=1)}; a zero row stays zero and
   * has a finite gradient (torch's norm, whose backward is 0 at a zero vector).
   */
  public NDArray normalize(NDArray z) {
    return z.div(z.norm(2, new int[] {1}, true).maximum(epsilon));
  }

  /** -I/B: the mean cross-entropy against targets 0..B-1 is {@code sum(logSoftmax * this)}. */
  private NDArray targets(long batch) {
    return negativeEye.computeIfAbsent(
        batch,
        b -> {
          int n = Math.toIntExact(b);
          double[] v = new double[n * n];
          for (int i = 0; i < n; i++) {
            v[i * n + i] = -1.0 / n;
          }
          return ArrayValues.of(manager, v, new Shape(n, n), type);
        });
  }
}
