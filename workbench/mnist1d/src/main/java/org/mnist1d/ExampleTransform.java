package org.mnist1d;

/**
 * The reference's {@code transform}: turns one template into one example, step by step, drawing
 * random numbers in exactly the reference's order (see the module's GENERATOR.md).
 *
 * <p>Each step is a public method so that tests can compare it with the reference trace; {@link
 * #apply} runs them all on reused buffers. One instance per generating thread.
 */
public final class ExampleTransform {
  /** Offset added to templates so that only padding is exactly zero (the noise mask). */
  public static final double EPS = 1e-8;

  private final Mnist1dArgs args;
  private final int dilatedLength;
  private final LinearInterpolation[] dilatePlans; // one per padded length, made on first use
  private final LinearInterpolation subsamplePlan;
  private final GaussianFilter filter = new GaussianFilter(2.0);
  private final double[] ramp; // linspace(-0.5, 0.5, dilatedLength), the shear direction
  private final double[] padded;
  private final double[] signal;
  private final double[] scratch;

  /**
   * Buffers and interpolation grids for these arguments (templates of {@link Templates#LENGTH}).
   */
  public ExampleTransform(Mnist1dArgs args) {
    this.args = args;
    dilatedLength = args.dilatedLength();
    dilatePlans = new LinearInterpolation[args.paddingHigh() - args.paddingLow() + 1];
    subsamplePlan = new LinearInterpolation(dilatedLength, args.finalSeqLength());
    ramp = LinearInterpolation.linspace(-0.5, 0.5, dilatedLength);
    padded = new double[Templates.LENGTH + args.paddingHigh()];
    signal = new double[dilatedLength];
    scratch = new double[dilatedLength];
  }

  /**
   * Length of the signal between dilation and subsampling ({@code template_len + padding high}).
   */
  public int dilatedLength() {
    return dilatedLength;
  }

  /** Transforms one template into {@code out[0..final_seq_length)}. */
  public void apply(LegacyRandom rng, double[] template, double[] out) {
    int length = pad(rng, template, padded);
    dilate(padded, length, signal);
    scale(rng, signal);
    translate(rng, signal);
    corrNoise(rng, signal);
    iidNoise(rng, signal);
    shear(rng, signal);
    subsample(signal, out);
  }

  /**
   * Step 1: writes {@code template + EPS} followed by p zeros into {@code out}, p drawn uniformly
   * in [low, high]; returns the padded length.
   */
  public int pad(LegacyRandom rng, double[] template, double[] out) {
    int low = args.paddingLow();
    int p = low + (int) (rng.rand() * (args.paddingHigh() - low + 1));
    int n = template.length;
    for (int i = 0; i < n; i++) {
      out[i] = template[i] + EPS;
    }
    java.util.Arrays.fill(out, n, n + p, 0.0);
    return n + p;
  }

  /** Step 2: resamples {@code padded[0..length)} to {@link #dilatedLength()} points. */
  public void dilate(double[] padded, int length, double[] out) {
    int slot = length - Templates.LENGTH - args.paddingLow();
    LinearInterpolation plan = slot >= 0 && slot < dilatePlans.length ? dilatePlans[slot] : null;
    if (plan == null || plan.from() != length) {
      plan = new LinearInterpolation(length, dilatedLength);
      if (slot >= 0 && slot < dilatePlans.length) {
        dilatePlans[slot] = plan;
      }
    }
    plan.apply(padded, out);
  }

  /** Step 3: multiplies by {@code 1 + scale_coeff * (rand() - 0.5)}. */
  public void scale(LegacyRandom rng, double[] s) {
    double factor = 1 + args.scaleCoeff() * (rng.rand() - 0.5);
    for (int i = 0; i < dilatedLength; i++) {
      s[i] *= factor;
    }
  }

  /**
   * Step 4: rotates right by {@code k = choice(max_translation)}. As NumPy's {@code concat(s[-k:],
   * s[:-k])}, a k of 0 or of at least the length leaves the signal unchanged.
   */
  public void translate(LegacyRandom rng, double[] s) {
    int k = rng.choice(args.maxTranslation());
    int n = dilatedLength;
    if (k == 0 || k >= n) {
      return;
    }
    System.arraycopy(s, 0, scratch, 0, n);
    System.arraycopy(scratch, n - k, s, 0, k);
    System.arraycopy(scratch, 0, s, k, n - k);
  }

  /**
   * Step 5: draws {@code corr_noise_scale * randn(len)}, smooths it with a Gaussian filter (sigma
   * 2) and puts it wherever the signal is exactly zero.
   */
  public void corrNoise(LegacyRandom rng, double[] s) {
    int n = dilatedLength;
    rng.randn(scratch, n, args.corrNoiseScale());
    filter.apply(scratch, n, scratch);
    for (int i = 0; i < n; i++) {
      if (s[i] == 0) {
        s[i] = scratch[i];
      }
    }
  }

  /** Step 6: adds {@code iid_noise_scale * randn(len)}. */
  public void iidNoise(LegacyRandom rng, double[] s) {
    double sc = args.iidNoiseScale();
    for (int i = 0; i < dilatedLength; i++) {
      s[i] += sc * rng.randn();
    }
  }

  /**
   * Step 7: subtracts {@code c * linspace(-0.5, 0.5, len)}, {@code c = shear_scale * (rand() -
   * 0.5)}.
   */
  public void shear(LegacyRandom rng, double[] s) {
    double c = args.shearScale() * (rng.rand() - 0.5);
    for (int i = 0; i < dilatedLength; i++) {
      s[i] -= c * ramp[i];
    }
  }

  /** Step 8: resamples to {@code final_seq_length} points. */
  public void subsample(double[] s, double[] out) {
    subsamplePlan.apply(s, out);
  }

  /** The time axis of every example: the template axis dilated, then subsampled. */
  public double[] timeAxis(double[] templateT) {
    double[] dilated = LinearInterpolation.interpolate(templateT, dilatedLength);
    double[] out = new double[args.finalSeqLength()];
    subsamplePlan.apply(dilated, out);
    return out;
  }
}
