package org.mnist1d;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The twelve arguments of the MNIST-1D generator, with the reference's defaults, and {@code
 * label_noise}: the fraction of training labels redrawn after the dataset is made.
 *
 * <p>Names follow the Python reference ({@code num_samples}, {@code train_split}, ...). Every
 * instance is valid: the constructor rejects values the generator cannot use with a {@link
 * Mnist1dArgumentException} naming the argument and what is allowed.
 *
 * <p>{@code label_noise} p is the deep-double-descent notebook's: after the dataset is made, the
 * same NumPy stream continues, and for each training label in order, {@code random_sample() < p}
 * redraws it as {@code randint(0, 10)} (so it may be redrawn to itself: about 0.9 p of the labels
 * change). Test labels stay clean. The default 0 draws nothing.
 */
public record Mnist1dArgs(
    int numSamples,
    double trainSplit,
    int templateLen,
    int paddingLow,
    int paddingHigh,
    double scaleCoeff,
    int maxTranslation,
    double corrNoiseScale,
    double iidNoiseScale,
    double shearScale,
    boolean shuffleSeq,
    int finalSeqLength,
    long seed,
    double labelNoise) {

  /** Largest seed NumPy's legacy seeding accepts. */
  public static final long MAX_SEED = 0xFFFFFFFFL;

  /** The argument names, in the reference's order. */
  public static final List<String> NAMES =
      List.of(
          "num_samples",
          "train_split",
          "template_len",
          "padding",
          "scale_coeff",
          "max_translation",
          "corr_noise_scale",
          "iid_noise_scale",
          "shear_scale",
          "shuffle_seq",
          "final_seq_length",
          "seed",
          "label_noise");

  /** Checks every argument; throws {@link Mnist1dArgumentException} naming the first bad one. */
  public Mnist1dArgs {
    if (numSamples < 10) {
      throw bad(
          "num_samples", "an integer >= 10 (num_samples // 10 examples per class)", numSamples);
    }
    if (!(trainSplit > 0 && trainSplit < 1)) {
      throw bad("train_split", "a number strictly between 0 and 1", trainSplit);
    }
    int count = numSamples / 10 * 10;
    int train = (int) (count * trainSplit);
    if (train < 1 || train >= count) {
      throw new Mnist1dArgumentException(
          "train_split",
          "dataset argument train_split: "
              + trainSplit
              + " leaves "
              + (train < 1 ? "no training" : "no test")
              + " examples out of "
              + count
              + "; expected a split giving both at least one");
    }
    if (templateLen < 2) {
      throw bad("template_len", "an integer >= 2", templateLen);
    }
    if (paddingLow < 0 || paddingLow > paddingHigh) {
      throw new Mnist1dArgumentException(
          "padding",
          "dataset argument padding: expected two integers low,high with 0 <= low <= high, got "
              + paddingLow
              + ","
              + paddingHigh);
    }
    nonNegative("scale_coeff", scaleCoeff);
    if (maxTranslation < 1) {
      throw bad("max_translation", "an integer >= 1", maxTranslation);
    }
    nonNegative("corr_noise_scale", corrNoiseScale);
    nonNegative("iid_noise_scale", iidNoiseScale);
    nonNegative("shear_scale", shearScale);
    if (finalSeqLength < 2) {
      throw bad("final_seq_length", "an integer >= 2", finalSeqLength);
    }
    if (seed < 0 || seed > MAX_SEED) {
      throw bad("seed", "an integer in [0, 4294967295]", seed);
    }
    if (!(labelNoise >= 0 && labelNoise <= 1)) {
      throw bad(
          "label_noise", "a number in [0, 1] (the fraction of train labels redrawn)", labelNoise);
    }
  }

  /** The reference generator's twelve arguments, without label noise. */
  public Mnist1dArgs(
      int numSamples,
      double trainSplit,
      int templateLen,
      int paddingLow,
      int paddingHigh,
      double scaleCoeff,
      int maxTranslation,
      double corrNoiseScale,
      double iidNoiseScale,
      double shearScale,
      boolean shuffleSeq,
      int finalSeqLength,
      long seed) {
    this(
        numSamples,
        trainSplit,
        templateLen,
        paddingLow,
        paddingHigh,
        scaleCoeff,
        maxTranslation,
        corrNoiseScale,
        iidNoiseScale,
        shearScale,
        shuffleSeq,
        finalSeqLength,
        seed,
        0.0);
  }

  /** The reference defaults: 5000 samples, 4000/1000 split, 40 positions, seed 42, no noise. */
  public static Mnist1dArgs defaults() {
    return new Mnist1dArgs(5000, 0.8, 12, 36, 60, 0.4, 48, 0.25, 0.02, 0.75, false, 40, 42L, 0.0);
  }

  /** Examples made: {@code num_samples // 10} per class. */
  public int count() {
    return numSamples / 10 * 10;
  }

  /** Training examples: {@code int(count * train_split)}. */
  public int trainCount() {
    return (int) (count() * trainSplit);
  }

  /** Length of each example after dilation: {@code template_len + padding high}. */
  public int dilatedLength() {
    return templateLen + paddingHigh;
  }

  /** The arguments by reference name, in order; padding as a two-element list. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("num_samples", numSamples);
    m.put("train_split", trainSplit);
    m.put("template_len", templateLen);
    m.put("padding", List.of(paddingLow, paddingHigh));
    m.put("scale_coeff", scaleCoeff);
    m.put("max_translation", maxTranslation);
    m.put("corr_noise_scale", corrNoiseScale);
    m.put("iid_noise_scale", iidNoiseScale);
    m.put("shear_scale", shearScale);
    m.put("shuffle_seq", shuffleSeq);
    m.put("final_seq_length", finalSeqLength);
    m.put("seed", seed);
    m.put("label_noise", labelNoise);
    return m;
  }

  /**
   * One stable line {@code name=value;...} (numbers in Java's shortest round-trip form). {@code
   * label_noise} appears only when it is not 0, so the line of a clean dataset is what it was
   * before label noise existed (and dataset cache files made then stay valid).
   */
  public String canonical() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Object> e : toMap().entrySet()) {
      if (e.getKey().equals("label_noise") && labelNoise == 0) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(';');
      }
      Object v = e.getValue();
      String s = v instanceof List<?> l ? l.get(0) + "," + l.get(1) : String.valueOf(v);
      sb.append(e.getKey()).append('=').append(s);
    }
    return sb.toString();
  }

  /** The reference defaults by name (what {@link #toMap()} gives for {@link #defaults()}). */
  public static Map<String, Object> defaultValues() {
    return defaults().toMap();
  }

  /**
   * Builds arguments from a map of reference names to values (the {@code dataset:} section of an
   * experiment file); missing names keep their defaults. Values may be numbers, booleans, strings,
   * and for padding a two-element list or a {@code "low,high"} string.
   */
  public static Mnist1dArgs fromMap(Map<String, ?> values) {
    return defaults().with(values);
  }

  /**
   * Builds arguments from {@code NAME=VALUE} strings (the CLI's {@code --set}), over the defaults.
   */
  public static Mnist1dArgs parse(Collection<String> settings) {
    return defaults().withSettings(settings);
  }

  /** These arguments with {@code NAME=VALUE} settings applied in order. */
  public Mnist1dArgs withSettings(Collection<String> settings) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String s : settings) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new Mnist1dArgumentException(
            s, "dataset setting '" + s + "': expected NAME=VALUE, e.g. num_samples=1000");
      }
      m.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
    }
    return with(m);
  }

  /** These arguments with the given names replaced; unknown names are rejected. */
  public Mnist1dArgs with(Map<String, ?> values) {
    Map<String, Object> m = toMap();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      String name = e.getKey();
      if (!NAMES.contains(name)) {
        throw unknown(name);
      }
      m.put(name, e.getValue());
    }
    Object pad = m.get("padding");
    int[] padding = padding(pad);
    return new Mnist1dArgs(
        integer("num_samples", m.get("num_samples")),
        real("train_split", m.get("train_split")),
        integer("template_len", m.get("template_len")),
        padding[0],
        padding[1],
        real("scale_coeff", m.get("scale_coeff")),
        integer("max_translation", m.get("max_translation")),
        real("corr_noise_scale", m.get("corr_noise_scale")),
        real("iid_noise_scale", m.get("iid_noise_scale")),
        real("shear_scale", m.get("shear_scale")),
        bool("shuffle_seq", m.get("shuffle_seq")),
        integer("final_seq_length", m.get("final_seq_length")),
        longInteger("seed", m.get("seed"), "an integer in [0, 4294967295]"),
        real("label_noise", m.get("label_noise")));
  }

  private static Mnist1dArgumentException unknown(String name) {
    String hint = DidYouMean.closest(name.toLowerCase(Locale.ROOT).replace('-', '_'), NAMES);
    return new Mnist1dArgumentException(
        name,
        "unknown dataset argument '"
            + name
            + "'"
            + (hint == null ? "" : " (did you mean " + hint + "?)")
            + "; known: "
            + String.join(", ", NAMES));
  }

  private static int integer(String name, Object v) {
    long x = longInteger(name, v, "an integer");
    if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
      throw bad(name, "an integer", v);
    }
    return (int) x;
  }

  private static long longInteger(String name, Object v, String expected) {
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof java.math.BigInteger b) {
      if (b.bitLength() < 63) {
        return b.longValue();
      }
      throw bad(name, expected, v);
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw bad(name, expected, "'" + s + "'");
      }
    }
    throw bad(name, expected, describe(v));
  }

  private static double real(String name, Object v) {
    double x;
    if (v instanceof Number n && !(v instanceof java.math.BigInteger)) {
      x = n.doubleValue();
    } else if (v instanceof String s) {
      try {
        x = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw bad(name, "a number", "'" + s + "'");
      }
    } else {
      throw bad(name, "a number", describe(v));
    }
    if (!Double.isFinite(x)) {
      throw bad(name, "a finite number", v);
    }
    return x;
  }

  private static boolean bool(String name, Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      if (s.trim().equalsIgnoreCase("true")) {
        return true;
      }
      if (s.trim().equalsIgnoreCase("false")) {
        return false;
      }
      throw bad(name, "true or false", "'" + s + "'");
    }
    throw bad(name, "true or false", describe(v));
  }

  private static int[] padding(Object v) {
    String expected = "two integers low,high with 0 <= low <= high (e.g. 36,60)";
    List<Object> parts = new ArrayList<>();
    if (v instanceof List<?> l) {
      parts.addAll(l);
    } else if (v instanceof String s) {
      for (String p : s.split(",", -1)) {
        parts.add(p.trim());
      }
    } else {
      throw bad("padding", expected, describe(v));
    }
    if (parts.size() != 2) {
      throw bad("padding", expected, v instanceof String ? "'" + v + "'" : v);
    }
    try {
      return new int[] {integer("padding", parts.get(0)), integer("padding", parts.get(1))};
    } catch (Mnist1dArgumentException e) {
      throw bad("padding", expected, v instanceof String ? "'" + v + "'" : v);
    }
  }

  private static void nonNegative(String name, double v) {
    if (!(v >= 0) || !Double.isFinite(v)) {
      throw bad(name, "a finite number >= 0", v);
    }
  }

  private static String describe(Object v) {
    if (v == null) {
      return "nothing";
    }
    if (v instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (v instanceof List<?> l) {
      return "a list " + l;
    }
    return v instanceof String ? "'" + v + "'" : String.valueOf(v);
  }

  private static Mnist1dArgumentException bad(String name, String expected, Object got) {
    return new Mnist1dArgumentException(
        name, "dataset argument " + name + ": expected " + expected + ", got " + got);
  }
}
