package org.mnist1d.workbench.kernel;

/** A line magic could not do what it was asked (unknown name, a path that matches nothing). */
public final class MagicException extends RuntimeException {
  public MagicException(String message, Throwable cause) {
    // No stack trace: the message says all; the kernel's frames would only hide it.
    super(message, cause, false, false);
  }
}
