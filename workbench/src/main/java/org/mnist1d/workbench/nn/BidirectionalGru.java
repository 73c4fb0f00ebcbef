package org.mnist1d.workbench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;

/**
 * A one-layer bidirectional GRU over sequences of one feature, as PyTorch defines it ({@code
 * nn.GRU(1, H, batch_first=True, bidirectional=True)}, gates r, z, n; {@code n = tanh(W_in x + b_in
 * + r (W_hn h + b_hn))}, {@code h' = (h - n) z + n}, h0 = 0), written out step by step with both
 * directions batched together.
 *
 * <p>Why: on the CPU the engine's fused GRU runs each direction's step as its own dozen small
 * kernels, and its backward replays them; here one step of both directions is one matrix product
 * and ten elementwise operations on a (B, 2H) state, which made the benchmark GRU's training step
 * about a third faster. The hidden state is {@code [forward | backward]}; the matrix products use
 * block weights with zeros where the other direction's rows meet (so float32 results can differ
 * from the fused op's in the last bit; float64 agrees to 1e-15, see {@code ModelsTest}).
 */
public final class BidirectionalGru {
  private BidirectionalGru() {}

  /**
   * The outputs (B, T, 2H) for inputs {@code x} (B, T): at each time, the forward direction's state
   * then the backward direction's, as the fused op returns them. {@code params} are PyTorch's, per
   * direction (forward first): {@code w_ih} (3H, 1), {@code w_hh} (3H, H), {@code b_ih}, {@code
   * b_hh} (3H).
   */
  public static NDArray outputs(NDArray x, NDList params, int hidden) {
    long batch = x.getShape().get(0);
    int steps = Math.toIntExact(x.getShape().get(1));
    NDManager m = x.getManager();
    DataType type = x.getDataType();
    int h = hidden;
    // block weights, rows ordered [r_fwd r_bwd z_fwd z_bwd n_fwd n_bwd]; input column 0 is the
    // forward direction's input, column 1 the backward's; state columns [forward | backward]
    NDArray zeroIn = m.zeros(new Shape(3L * h, 1), type);
    NDArray zeroState = m.zeros(new Shape(3L * h, h), type);
    NDArray wih = interleave(params.get(0).concat(zeroIn, 1), zeroIn.concat(params.get(4), 1), h);
    NDArray whh =
        interleave(params.get(1).concat(zeroState, 1), zeroState.concat(params.get(5), 1), h);
    NDArray bih = interleave(params.get(2), params.get(6), h);
    NDArray bhh = interleave(params.get(3), params.get(7), h);
    // every step's input projections at once: row t*B + b holds x[b, t] and x[b, T-1-t]
    NDArray byTime = x.transpose(1, 0);
    NDArray inputs = NDArrays.stack(new NDList(byTime, byTime.flip(0)), 2).reshape(-1, 2);
    NDList projected =
        Linear.linear(inputs, wih, bih).singletonOrThrow().split(new long[] {4L * h}, 1);
    NDList rzIn = projected.get(0).split(rowBlocks(steps, batch), 0);
    NDList nIn = projected.get(1).split(rowBlocks(steps, batch), 0);
    long[] rz = {4L * h};
    long[] r = {2L * h};
    NDArray state = m.zeros(new Shape(batch, 2L * h), type);
    NDList states = new NDList(steps);
    for (int t = 0; t < steps; t++) {
      NDList gates = Linear.linear(state, whh, bhh).singletonOrThrow().split(rz, 1);
      NDList resetUpdate = Activation.sigmoid(gates.get(0).add(rzIn.get(t))).split(r, 1);
      NDArray candidate = nIn.get(t).add(gates.get(1).mul(resetUpdate.get(0))).tanh();
      state = state.sub(candidate).mul(resetUpdate.get(1)).add(candidate);
      states.add(state);
    }
    // step t holds the forward state at time t and the backward state at time T-1-t
    NDList directions = NDArrays.stack(states, 0).split(new long[] {h}, 2);
    return directions.get(0).concat(directions.get(1).flip(0), 2).transpose(1, 0, 2);
  }

  /** Forward and backward rows (3H, c) gate by gate: (6H, c), or (6H) for biases. */
  private static NDArray interleave(NDArray forward, NDArray backward, int h) {
    long cols = forward.getShape().dimension() == 1 ? 1 : forward.getShape().get(1);
    NDArray both =
        NDArrays.stack(new NDList(forward.reshape(3, h, cols), backward.reshape(3, h, cols)), 1);
    return forward.getShape().dimension() == 1 ? both.reshape(6L * h) : both.reshape(6L * h, cols);
  }

  private static long[] rowBlocks(int steps, long batch) {
    long[] at = new long[steps - 1];
    for (int t = 1; t < steps; t++) {
      at[t - 1] = t * batch;
    }
    return at;
  }
}
