package org.mnist1d.workbench.meta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.core.Linear;
import org.mnist1d.workbench.nn.Scalars;

/**
 * An {@link MlpLearner}'s loss and explicit gradient (tanh hidden layer) together with their
 * directional derivatives along a parameter tangent {@code v}: {@code L' = g . v} and the
 * Hessian-vector product {@code g' = H v}, written out as plain NDArray operations (forward mode by
 * hand: no autograd tape).
 *
 * <p>The primal part repeats {@link MlpLearner#lossAndGradient} operation for operation, so a loop
 * built on it follows the same trajectory bit for bit. With {@code s = 1 - a^2} the tanh slope and
 * {@code q = softmax / B}, the tangent part is
 * <pre>
 *   z' = x V1^T + c1              h' = s z'                 logits' = h' W2^T + h V2^T + c2
 *   dLogits' = q (logits' - rowsum(softmax * logits'))
 *   dW2' = dLogits'^T h + dLogits^T h'                      db2' = colsum dLogits'
 *   dh' = dLogits' W2 + dLogits V2      dz' = dh' s - 2 (dh a) h'   (s' = -2 a a', a' = h')
 *   dW1' = dz'^T x                      db1' = colsum dz'
 * </pre>
 */
final class MlpTangent {
  private MlpTangent() {}

  /**
   * One step's values: the loss, its tangent {@code g . v} (both 0-d) and the gradient with its
   * tangent stacked as a 2 x |theta| array {@code [g; H v]} in the learner's flat layout.
   */
  record Step(NDArray loss, NDArray lossTangent, NDArray gradients) {}

  /** Requires a tanh learner: its curvature is written out here, and no other's is. */
  static void check(MlpLearner learner) {
    if (!learner.activation().name().equals("tanh")) {
      throw new IllegalArgumentException("forward-mode metagradient: needs a tanh learner, got '"
          + learner.activation().name() + "'");
    }
  }

  /**
   * The step at parameters {@code p} along tangent {@code v} on {@code batch}.
   *
   * @param noise the step's noise (only its hidden row is read)
   */
  static Step at(MlpBlocks p, MlpBlocks v, Batch batch, StepNoise noise, Scalars c) {
    NDArray x = batch.x();
    NDArray z = Linear.linear(x, p.w1(), p.b1()).singletonOrThrow();
    NDArray a = z.tanh();
    NDArray h = noise.hidden() == null ? a : a.add(noise.hidden());
    NDArray logits = Linear.linear(h, p.w2(), p.b2()).singletonOrThrow();
    NDArray logProbs = logits.logSoftmax(1);
    NDArray loss = logProbs.mul(batch.negTargets()).sum();
    NDArray probs = logProbs.exp();
    NDArray q = probs.mul(batch.invSize());
    NDArray dLogits = q.add(batch.negTargets()); // B x O
    NDArray slope = a.square().neg().add(c.of(1));

    NDArray zDot = Linear.linear(x, v.w1(), v.b1()).singletonOrThrow();
    NDArray hDot = slope.mul(zDot);
    // one addmm each: h' W2^T + c2, then h V2^T on top
    NDArray logitsDot = Linear.linear(h, v.w2(), Linear.linear(hDot, p.w2(), v.b2()).singletonOrThrow())
        .singletonOrThrow();
    NDArray lossDot = dLogits.mul(logitsDot).sum();
    NDArray mean = probs.mul(logitsDot).sum(new int[] {1}, true);
    NDArray dLogitsDot = logitsDot.sub(mean).muli(q);

    NDArray dLogitsT = dLogits.transpose();
    NDArray dW2 = dLogitsT.matMul(h);
    NDArray db2 = dLogits.sum(new int[] {0});
    NDArray dh = dLogits.matMul(p.w2());
    NDArray dz = dh.mul(slope);
    NDArray dW1 = dz.transpose().matMul(x);
    NDArray db1 = dz.sum(new int[] {0});

    NDArray dW2Dot = dLogitsDot.transpose().matMul(h).addi(dLogitsT.matMul(hDot));
    NDArray db2Dot = dLogitsDot.sum(new int[] {0});
    NDArray dhDot = dLogitsDot.matMul(p.w2()).addi(dLogits.matMul(v.w2()));
    NDArray dzDot = dhDot.muli(slope).subi(dh.mul(a).muli(hDot).muli(c.of(2)));
    NDArray dW1Dot = dzDot.transpose().matMul(x);
    NDArray db1Dot = dzDot.sum(new int[] {0});

    NDArray both = NDArrays.concat(new NDList(dW1.reshape(-1), db1, dW2.reshape(-1), db2,
        dW1Dot.reshape(-1), db1Dot, dW2Dot.reshape(-1), db2Dot));
    return new Step(loss, lossDot, both.reshape(2, -1));
  }
}
