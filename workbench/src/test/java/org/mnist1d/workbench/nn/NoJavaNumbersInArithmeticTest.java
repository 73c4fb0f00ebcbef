package org.mnist1d.workbench.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DJL's {@code add/sub/mul/div/pow(Number)} free the scalar's buffer while autograd may still read
 * it (docs/metalearning.md, "DJL traps"): differentiable code must use {@link Constants}. This
 * scans the packages that build graphs for a Java number reaching NDArray arithmetic, and checks
 * Constants itself survives garbage collection between forward and backward.
 */
class NoJavaNumbersInArithmeticTest {
  /** A numeric literal, a cast to a number type, or a CONSTANT_NAME as the argument. */
  static final Pattern NUMBER_ARGUMENT =
      Pattern.compile(
          "\\.(add|sub|mul|div|pow|maximum|minimum|rsub|rdiv|addi|subi|muli|divi)\\(\\s*"
              + "(-?\\d|\\((float|double|int|long)\\)|[A-Z][A-Z0-9_]+\\s*\\)|Math\\.|\\d*\\.\\d)");

  @Test
  void differentiablePackagesPassNoJavaNumbers() throws Exception {
    Path src =
        Path.of(
            System.getProperty("project.root", ".."),
            "workbench/src/main/java/org/mnist1d/workbench");
    if (!Files.isDirectory(src)) {
      src = Path.of("src/main/java/org/mnist1d/workbench");
    }
    List<String> hits = new ArrayList<>();
    int files = 0;
    for (String pkg : List.of("nn", "train", "metagrad", "experiments")) {
      try (Stream<Path> s = Files.walk(src.resolve(pkg))) {
        for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
          files++;
          List<String> lines = Files.readAllLines(f);
          for (int i = 0; i < lines.size(); i++) {
            Matcher m = NUMBER_ARGUMENT.matcher(lines.get(i));
            if (m.find()) {
              hits.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
            }
          }
        }
      }
    }
    assertTrue(files > 10, "scanned the sources");
    assertEquals(List.of(), hits, "use nn.Constants for numbers in NDArray arithmetic");
  }

  @Test
  void thePatternCatchesTheForbiddenForms() {
    for (String bad :
        List.of(
            "x.mul(2)",
            "x.add(0.5)",
            "x.div((float) n)",
            "x.pow(TWO)",
            "x.sub(-1)",
            "x.mul(Math.PI)",
            "y.mul(.5)")) {
      assertTrue(NUMBER_ARGUMENT.matcher(bad).find(), bad);
    }
    for (String ok :
        List.of(
            "x.mul(c.of(2))", "x.add(bias)", "x.mul(Constants.like(x, 2))", "x.sub(h.get(0))")) {
      assertTrue(!NUMBER_ARGUMENT.matcher(ok).find(), ok);
    }
  }

  @Test
  void constantsSurviveGarbageCollectionBeforeBackward() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {1f, 2f, 3f});
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y =
            x.mul(Constants.scalar(m, 0.5, DataType.FLOAT32))
                .pow(Constants.scalar(m, 3, DataType.FLOAT32))
                .sum();
        for (int i = 0; i < 5; i++) {
          System.gc();
          byte[][] churn = new byte[64][];
          for (int k = 0; k < churn.length; k++) {
            churn[k] = new byte[1 << 16];
          }
        }
        gc.backward(y);
      }
      // d/dx (x/2)^3 = 3/8 x^2
      float[] g = x.getGradient().toFloatArray();
      assertEquals(3.0 / 8, g[0], 1e-6);
      assertEquals(12.0 / 8, g[1], 1e-6);
      assertEquals(27.0 / 8, g[2], 1e-6);
    }
  }
}
