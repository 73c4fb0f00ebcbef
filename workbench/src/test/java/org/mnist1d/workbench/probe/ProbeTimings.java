package org.mnist1d.workbench.probe;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.mnist1d.Mnist1d;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;

/**
 * Times the probes at the sizes the SSL experiment uses (not a test): MNIST-1D's default 4000/1000
 * split (40 pixels), fixed random ReLU features of it in 125 and 475 dimensions, and a
 * 16-dimensional random projection standing in for the learned features. Single-threaded; each
 * timing is the best of three runs after one warm-up, as wall time and as the thread's CPU time
 * (the steadier figure on a shared machine).
 *
 * <pre>
 * mvn -q -o test-compile
 * java -cp workbench/target/classes:workbench/target/test-classes \
 *     org.mnist1d.workbench.probe.ProbeTimings [DIR]
 * </pre>
 *
 * With DIR it also writes each feature set as CSV and its results as JSON there, for
 * src/test/python/probe_compare.py to rerun with scikit-learn.
 */
public final class ProbeTimings {
  private ProbeTimings() {}

  public static void main(String[] args) throws IOException {
    Path dump = args.length > 0 ? Path.of(args[0]) : null;
    Mnist1dData data = Mnist1d.generate(Mnist1dArgs.defaults());
    Random rnd = new Random(1);
    StringBuilder json = new StringBuilder("{");
    String[] names = {"pixels40", "relu125", "relu475", "proj16"};
    for (String name : names) {
      double[][] tr;
      double[][] te;
      switch (name) {
        case "pixels40" -> {
          tr = data.x();
          te = data.xTest();
        }
        case "relu125", "relu475" -> {
          double[][] w = gaussian(rnd, 40, Integer.parseInt(name.substring(4)));
          tr = features(data.x(), w, true);
          te = features(data.xTest(), w, true);
        }
        default -> {
          double[][] w = gaussian(rnd, 40, 16);
          tr = features(data.x(), w, false);
          te = features(data.xTest(), w, false);
        }
      }
      if (dump != null) {
        Files.createDirectories(dump);
        write(dump.resolve(name + "_train.csv"), tr, data.y());
        write(dump.resolve(name + "_test.csv"), te, data.yTest());
      }
      double[][] ftr = tr;
      double[][] fte = te;
      Timed<double[]> euclid =
          time(
              () ->
                  new double[] {
                    ProbeAccuracy.nearestNeighbours(
                        Metric.EUCLIDEAN, ftr, data.y(), fte, data.yTest())
                  });
      Timed<double[]> cosine =
          time(
              () ->
                  new double[] {
                    ProbeAccuracy.nearestNeighbours(Metric.COSINE, ftr, data.y(), fte, data.yTest())
                  });
      Timed<LinearProbe> linear =
          time(() -> LinearProbe.fit(LogisticProbe.upstream(), ftr, data.y()));
      double linearAccuracy = linear.value.accuracy(fte, data.yTest());
      System.out.printf(
          Locale.ROOT,
          "%-9s %4d x %3d: kNN euclidean %5.1f%% %6.3f s (cpu %6.3f) | kNN cosine %5.1f%% %6.3f s (cpu %6.3f)"
              + " | linear %5.1f%% %6.3f s (cpu %6.3f; %d iterations, converged %s)%n",
          name,
          tr.length,
          tr[0].length,
          euclid.value[0],
          euclid.seconds,
          euclid.cpuSeconds,
          cosine.value[0],
          cosine.seconds,
          cosine.cpuSeconds,
          linearAccuracy,
          linear.seconds,
          linear.cpuSeconds,
          linear.value.model().iterations(),
          linear.value.model().converged());
      json.append(
          String.format(
              Locale.ROOT,
              "%s\"%s\":{\"knn_euclidean\":%s,\"knn_cosine\":%s,\"linear\":%s,\"linear_iterations\":%d,"
                  + "\"seconds\":{\"knn_euclidean\":%s,\"knn_cosine\":%s,\"linear_fit\":%s},"
                  + "\"predict\":{\"knn_euclidean\":%s,\"knn_cosine\":%s,\"linear\":%s}}",
              json.length() > 1 ? "," : "",
              name,
              euclid.value[0],
              cosine.value[0],
              linearAccuracy,
              linear.value.model().iterations(),
              euclid.seconds,
              cosine.seconds,
              linear.seconds,
              Arrays.toString(
                  NearestNeighbours.upstream(Metric.EUCLIDEAN).predict(tr, data.y(), te)),
              Arrays.toString(NearestNeighbours.upstream(Metric.COSINE).predict(tr, data.y(), te)),
              Arrays.toString(linear.value.predict(te))));
    }
    if (dump != null) {
      Files.writeString(dump.resolve("java_results.json"), json.append("}").toString());
    }
  }

  /** A result with the best wall time and the best thread CPU time of its runs, in seconds. */
  private record Timed<T>(T value, double seconds, double cpuSeconds) {}

  private static <T> Timed<T> time(Supplier<T> work) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    T value = work.get(); // warm-up: lets the JIT compile the loops first
    double best = Double.POSITIVE_INFINITY;
    double bestCpu = Double.POSITIVE_INFINITY;
    for (int r = 0; r < 3; r++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      value = work.get();
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
      bestCpu = Math.min(bestCpu, (threads.getCurrentThreadCpuTime() - c0) / 1e9);
    }
    return new Timed<>(value, best, bestCpu);
  }

  private static double[][] gaussian(Random rnd, int rows, int cols) {
    double[][] w = new double[rows][cols];
    for (double[] row : w) {
      for (int j = 0; j < cols; j++) {
        row[j] = rnd.nextGaussian() / Math.sqrt(rows);
      }
    }
    return w;
  }

  /** x W, optionally through a ReLU. */
  private static double[][] features(double[][] x, double[][] w, boolean relu) {
    int cols = w[0].length;
    double[][] out = new double[x.length][cols];
    for (int i = 0; i < x.length; i++) {
      for (int p = 0; p < w.length; p++) {
        double v = x[i][p];
        for (int j = 0; j < cols; j++) {
          out[i][j] += v * w[p][j];
        }
      }
      if (relu) {
        for (int j = 0; j < cols; j++) {
          out[i][j] = Math.max(0, out[i][j]);
        }
      }
    }
    return out;
  }

  private static void write(Path file, double[][] x, int[] y) throws IOException {
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
      for (int i = 0; i < x.length; i++) {
        StringBuilder line = new StringBuilder().append(y[i]);
        for (double v : x[i]) {
          line.append(',').append(v); // Double.toString round-trips exactly
        }
        out.println(line);
      }
    }
  }
}
