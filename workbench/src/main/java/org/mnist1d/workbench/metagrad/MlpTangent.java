package org.mnist1d.workbench.metagrad;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.core.Linear;
import org.mnist1d.workbench.nn.Scalars;

/**
 * An {@link MlpLearner}'s explicit gradient (tanh hidden layer) together with its directional
 * derivative along a parameter tangent {@code v}, the Hessian-vector product {@code g' = H v}, and
 * the factors of the loss and of its tangent {@code g . v}, written out as plain NDArray operations
 * (forward mode by hand: no autograd tape). Parameters and tangents come as {@link MlpBlocks}.
 *
 * <p>The primal part computes what {@link MlpLearner#lossAndGradient} does, in the blocks' layout
 * (so its float32 rounding differs slightly). With {@code x1 = [x | 1]}, {@code s = 1 - a^2} the
 * tanh slope, {@code p} the softmax and {@code q = p / B}, the tangent part is
 *
 * <pre>
 *   z' = x1 V1                     h' = s z'                  logits' = h' W2^T + h V2^T + c2
 *   dLogits' = q (logits' - rowsum(p logits'))
 *   dW2' = dLogits'^T h + dLogits^T h'                        db2' = colsum dLogits'
 *   dh' = dLogits' W2 + dLogits V2      dz' = dh' s - 2 (dh a) h'   (s' = -2 a a', a' = h')
 *   dLayer1' = x1^T dz'
 * </pre>
 */
final class MlpTangent {
  private MlpTangent() {}

  /**
   * One step's values: the gradient {@code g} and its tangent {@code H v} blockwise, and the
   * factors of the loss, {@code sum(logProbs * negTargets)}, and of its tangent {@code g . v =
   * sum(dLogits * logitsDot)}: {@link #sumsOfProducts} reduces them for all steps at once.
   */
  record Step(
      MlpBlocks gradient, MlpBlocks hvp, NDArray logProbs, NDArray dLogits, NDArray logitsDot) {}

  /** Requires a tanh learner: its curvature is written out here, and no other's is. */
  static void check(MlpLearner learner) {
    if (!learner.activation().name().equals("tanh")) {
      throw new IllegalArgumentException(
          "forward-mode metagradient: needs a tanh learner, got '"
              + learner.activation().name()
              + "'");
    }
  }

  /** {@code sum(a_t * b_t)} for each pair of equally shaped 2-d arrays, as one vector. */
  static NDArray sumsOfProducts(NDList a, NDList b) {
    // one cat each (a stack of many small arrays costs far more)
    try (NDArray ca = NDArrays.concat(a);
        NDArray cb = NDArrays.concat(b);
        NDArray perStep = ca.muli(cb).reshape(a.size(), -1)) {
      return perStep.sum(new int[] {1});
    }
  }

  /**
   * The step at parameters {@code p} along tangent {@code v}.
   *
   * @param x1 the batch's inputs with a column of ones (B x (D+1))
   * @param x1T its transpose
   * @param noise the step's noise (only its hidden row is read)
   */
  static Step at(
      MlpBlocks p, MlpBlocks v, NDArray x1, NDArray x1T, Batch batch, StepNoise noise, Scalars c) {
    NDArray z = x1.matMul(p.layer1());
    NDArray a = z.tanh();
    NDArray h = noise.hidden() == null ? a : a.add(noise.hidden());
    NDArray logits = Linear.linear(h, p.w2(), p.b2()).singletonOrThrow();
    NDArray logProbs = logits.logSoftmax(1);
    NDArray probs = logProbs.exp();
    NDArray q = probs.mul(batch.invSize());
    NDArray dLogits = q.add(batch.negTargets()); // B x O
    NDArray slope = a.square().negi().addi(c.of(1));

    NDArray hDot = x1.matMul(v.layer1()).muli(slope);
    // one addmm each: h' W2^T + c2, then h V2^T on top
    NDArray logitsDot =
        Linear.linear(h, v.w2(), Linear.linear(hDot, p.w2(), v.b2()).singletonOrThrow())
            .singletonOrThrow();
    NDArray mean = probs.muli(logitsDot).sum(new int[] {1}, true);
    NDArray dLogitsDot = logitsDot.sub(mean).muli(q);

    NDArray dLogitsT = dLogits.transpose();
    NDArray dW2 = dLogitsT.matMul(h);
    NDArray db2 = dLogits.sum(new int[] {0});
    NDArray dh = dLogits.matMul(p.w2());
    NDArray dLayer1 = x1T.matMul(dh.mul(slope));

    NDArray dW2Dot = dLogitsDot.transpose().matMul(h).addi(dLogitsT.matMul(hDot));
    NDArray db2Dot = dLogitsDot.sum(new int[] {0});
    NDArray dhDot = dLogitsDot.matMul(p.w2()).addi(dLogits.matMul(v.w2()));
    NDArray dzDot = dhDot.muli(slope).subi(dh.muli(a).muli(hDot).muli(c.of(2)));
    NDArray dLayer1Dot = x1T.matMul(dzDot);
    return new Step(
        new MlpBlocks(dLayer1, dW2, db2),
        new MlpBlocks(dLayer1Dot, dW2Dot, db2Dot),
        logProbs,
        dLogits,
        logitsDot);
  }
}
