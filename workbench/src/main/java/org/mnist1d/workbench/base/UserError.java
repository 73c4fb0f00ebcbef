package org.mnist1d.workbench.base;

/**
 * A mistake in the user's input (argument, config, file): reported as one line, exit code 2, no
 * stack trace. The message names the file or argument, the key, and what was expected.
 */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
