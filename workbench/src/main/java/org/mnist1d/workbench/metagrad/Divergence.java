package org.mnist1d.workbench.metagrad;

/** A NaN or infinity in a loss or metagradient: names the inner step and the quantity. */
public final class Divergence extends RuntimeException {
  private final int innerStep;
  private final String quantity;

  /** Divergence of {@code quantity} at {@code innerStep}. */
  public Divergence(int innerStep, String quantity, double value) {
    super(quantity + " is " + value + " at inner step " + innerStep);
    this.innerStep = innerStep;
    this.quantity = quantity;
  }

  /** The inner step where the non-finite value appeared. */
  public int innerStep() {
    return innerStep;
  }

  /** What diverged ("inner loss", "metagradient"). */
  public String quantity() {
    return quantity;
  }

  /** Throws when {@code value} is NaN or infinite. */
  public static void check(double value, int innerStep, String quantity) {
    if (!Double.isFinite(value)) {
      throw new Divergence(innerStep, quantity, value);
    }
  }
}
