package org.mnist1d;

/**
 * A generator argument the generator cannot use: the message names the argument, what is allowed
 * and what was given, in one line fit to show a user as it is.
 */
public final class Mnist1dArgumentException extends IllegalArgumentException {
  private final String argument;

  /** A bad value of {@code argument} (a reference name such as {@code num_samples}). */
  public Mnist1dArgumentException(String argument, String message) {
    super(message);
    this.argument = argument;
  }

  /** The reference name of the argument at fault ({@code num_samples}, {@code padding}, ...). */
  public String argument() {
    return argument;
  }
}
