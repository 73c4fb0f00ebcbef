package org.mnist1d.workbench.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A short-lived manager for the intermediates of one step (or segment), so that long loops keep
 * flat memory.
 *
 * <p>DJL puts an operation's result on the manager of its first operand. Long-lived inputs
 * (parameters, batches, noise, hyperparameters) are therefore attached here temporarily with {@link
 * #use}: every intermediate computed from them lands here and is freed on {@link #close}, and the
 * inputs go back to their own managers. Constants must never be a first operand.
 */
public final class StepScope implements AutoCloseable {
  private final NDManager manager;
  private final Set<NDArray> borrowed = Collections.newSetFromMap(new IdentityHashMap<>());

  /** A scope under {@code parent}. */
  public StepScope(NDManager parent) {
    this.manager = parent.newSubManager();
  }

  /** Borrows the arrays for this scope (each once; nulls ignored). */
  public void use(NDArray... arrays) {
    for (NDArray a : arrays) {
      if (a != null && a.getManager() != manager && borrowed.add(a)) {
        a.tempAttach(manager);
      }
    }
  }

  /** Borrows every array of {@code list}. */
  public void use(NDList list) {
    use(list.toArray(new NDArray[0]));
  }

  /** The scope's manager. */
  public NDManager manager() {
    return manager;
  }

  /** Frees the intermediates and returns the borrowed arrays to their managers. */
  @Override
  public void close() {
    manager.close();
  }
}
