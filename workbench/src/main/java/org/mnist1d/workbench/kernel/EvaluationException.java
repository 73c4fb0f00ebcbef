package org.mnist1d.workbench.kernel;

import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * A cell's code threw while it ran. The message is the Java exception's class and message; the
 * cause is JShell's record of it (class name, message, stack trace, causes).
 */
public final class EvaluationException extends RuntimeException {

  public EvaluationException(JShellException cause) {
    super(describe(cause), cause);
    // Jupyter's execute reply carries this exception's stack: make it the cell's, not the kernel's.
    setStackTrace(Tracebacks.cellFrames(cause));
  }

  /** {@code java.lang.ArithmeticException: / by zero}, as Java prints it. */
  static String describe(JShellException e) {
    String name;
    if (e instanceof EvalException ee) {
      name = ee.getExceptionClassName();
    } else if (e instanceof UnresolvedReferenceException ure) {
      return "cannot run "
          + ure.getSnippet().source().strip()
          + ": it refers to something not yet defined";
    } else {
      name = e.getClass().getName();
    }
    return e.getMessage() == null ? name : name + ": " + e.getMessage();
  }
}
