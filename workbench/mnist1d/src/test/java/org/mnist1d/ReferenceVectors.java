package org.mnist1d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads the Python reference's vectors (test resources under {@code org/mnist1d/reference/}, see
 * the README there) and compares against them.
 */
final class ReferenceVectors {
  private ReferenceVectors() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode load(String name) {
    try (InputStream in = ReferenceVectors.class.getResourceAsStream("reference/" + name)) {
      if (in == null) {
        throw new IllegalStateException(
            "test resource org/mnist1d/reference/" + name + " is missing");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double[] doubles(JsonNode n) {
    double[] out = new double[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).asDouble();
    }
    return out;
  }

  static int[] ints(JsonNode n) {
    int[] out = new int[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).asInt();
    }
    return out;
  }

  static double[][] matrix(JsonNode n) {
    double[][] out = new double[n.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = doubles(n.get(i));
    }
    return out;
  }

  /**
   * The {@code args} object of a reference file as arguments (the reference generator's twelve;
   * names it does not have keep their defaults).
   */
  static Mnist1dArgs args(JsonNode n) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String name : Mnist1dArgs.NAMES) {
      JsonNode v = n.get(name);
      if (v == null) {
        continue;
      }
      Object value =
          v.isArray()
              ? java.util.List.of(v.get(0).asInt(), v.get(1).asInt())
              : v.isBoolean()
                  ? (Object) v.asBoolean()
                  : v.isIntegralNumber() ? (Object) v.asLong() : (Object) v.asDouble();
      m.put(name, value);
    }
    return Mnist1dArgs.fromMap(m);
  }

  /** Asserts equal length and every value within tol, naming the first index that differs. */
  static void assertClose(double[] expected, double[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      assertTrue(
          Math.abs(e - a) <= tol,
          what + "[" + i + "]: expected " + e + " got " + a + " (diff " + Math.abs(e - a) + ")");
    }
  }

  static void assertClose(double[][] expected, double[][] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what + ": rows");
    for (int i = 0; i < expected.length; i++) {
      assertClose(expected[i], actual[i], tol, what + "[" + i + "]");
    }
  }
}
