package org.mnist1d.workbench.kernel;

/** The cell was interrupted (Jupyter's interrupt button) before it finished. */
public final class CellInterruptedException extends RuntimeException {
  public CellInterruptedException(int line) {
    super("interrupted (in the snippet starting on line " + line + ")", null, false, false);
  }
}
