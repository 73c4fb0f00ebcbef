package org.mnist1d;

/**
 * NumPy's legacy global generator ({@code np.random.seed}, {@code rand}, {@code randn}, {@code
 * choice}, {@code permutation}): MT19937 with the legacy samplers, bit for bit.
 *
 * <p>Not thread-safe: one instance per generating thread, like NumPy's {@code RandomState}.
 */
public final class LegacyRandom {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7fffffff;

  private final int[] mt = new int[N];
  // Tempered outputs of the current block: tempering all 624 at once is faster than one by one.
  private final int[] block = new int[N];
  private int index;
  // randn's polar method makes two values; the second waits here, across any other calls.
  private boolean hasGauss;
  private double gauss;

  /** A generator seeded as {@code np.random.seed(seed)}; seed must lie in [0, 2^32-1]. */
  public LegacyRandom(long seed) {
    seed(seed);
  }

  /** Re-seeds with MT19937's {@code init_genrand} and clears the Gaussian cache. */
  public void seed(long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("seed must be between 0 and 2^32-1, got " + seed);
    }
    mt[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
    hasGauss = false;
    gauss = 0.0;
  }

  /** The next 32 raw bits (an unsigned value held in an int). */
  public int nextInt32() {
    if (index >= N) {
      refill();
    }
    return block[index++];
  }

  /** MT19937's twist of the whole state, then tempering of every output. */
  private void refill() {
    int[] mt = this.mt;
    int k = 0;
    for (; k < N - M; k++) {
      int y = (mt[k] & UPPER_MASK) | (mt[k + 1] & LOWER_MASK);
      mt[k] = mt[k + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; k < N - 1; k++) {
      int y = (mt[k] & UPPER_MASK) | (mt[k + 1] & LOWER_MASK);
      mt[k] = mt[k + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    int last = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (last >>> 1) ^ (-(last & 1) & MATRIX_A);
    for (int i = 0; i < N; i++) {
      int y = mt[i];
      y ^= y >>> 11;
      y ^= (y << 7) & 0x9d2c5680;
      y ^= (y << 15) & 0xefc60000;
      y ^= y >>> 18;
      block[i] = y;
    }
    index = 0;
  }

  /** {@code np.random.rand()}: a double in [0, 1) with 53 random bits. */
  public double rand() {
    int a = nextInt32() >>> 5; // 27 bits: non-negative as int
    int b = nextInt32() >>> 6; // 26 bits
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  /** {@code np.random.randn()}: standard normal by Marsaglia's polar method, one value cached. */
  public double randn() {
    if (hasGauss) {
      hasGauss = false;
      double g = gauss;
      gauss = 0.0;
      return g;
    }
    double x1;
    double x2;
    double r2;
    do {
      x1 = 2.0 * rand() - 1.0;
      x2 = 2.0 * rand() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
    gauss = f * x1;
    hasGauss = true;
    return f * x2;
  }

  /** Fills {@code out[0..n)} with {@code scale * randn()}, in order. */
  public void randn(double[] out, int n, double scale) {
    for (int i = 0; i < n; i++) {
      out[i] = scale * randn();
    }
  }

  /**
   * An integer in [0, max] by masked rejection, as NumPy's legacy {@code random_interval}; {@code
   * max} must be below 2^32.
   */
  public long interval(long max) {
    if (max == 0) {
      return 0;
    }
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long v;
    do {
      v = (nextInt32() & 0xFFFFFFFFL) & mask;
    } while (v > max);
    return v;
  }

  /** {@code np.random.choice(n)}: an integer in [0, n). */
  public int choice(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("choice needs n >= 1, got " + n);
    }
    return (int) interval(n - 1L);
  }

  /** {@code np.random.permutation(n)}: a shuffled {@code 0..n-1} (Fisher-Yates from the top). */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i >= 1; i--) {
      int j = (int) interval(i);
      int tmp = p[i];
      p[i] = p[j];
      p[j] = tmp;
    }
    return p;
  }
}
