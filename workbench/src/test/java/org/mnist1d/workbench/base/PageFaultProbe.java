package org.mnist1d.workbench.base;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.mnist1d.workbench.nn.Initialization;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.Models;
import org.mnist1d.workbench.train.ObjectiveTraining;
import org.mnist1d.workbench.train.Split;

/**
 * A child JVM for {@link NativeMemoryTest}: Adam steps of a 40-500-10 MLP on a batch of 100 (the
 * lottery experiment's sizes), and the minor page faults per step that 100 steps cost, after 20
 * steps of warm-up.
 */
public final class PageFaultProbe {
  private PageFaultProbe() {}

  public static void main(String[] args) throws Exception {
    Model mlp = Models.mlp(40, 500, 10);
    Random random = new Random(1);
    double[][] x = new double[100][40];
    int[] y = new int[100];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 40; j++) {
        x[i][j] = random.nextGaussian();
      }
      y[i] = random.nextInt(10);
    }
    List<double[]> init = Initialization.values(mlp, 1);
    try (NDManager manager = NDManager.newBaseManager();
        ObjectiveTraining run = ObjectiveTraining.adam(mlp, manager, init, null, 0.01)) {
      Split batch = Split.of(manager, x, y, 0, 100, 10, DataType.FLOAT32);
      for (int s = 0; s < 20; s++) {
        run.step(ObjectiveTraining.classification(mlp, batch));
      }
      long before = minorFaults();
      int steps = 100;
      for (int s = 0; s < steps; s++) {
        run.step(ObjectiveTraining.classification(mlp, batch));
      }
      System.out.println((minorFaults() - before) / (double) steps);
    }
  }

  /** Field 10 of /proc/self/stat (after the command name, which may hold spaces). */
  private static long minorFaults() throws Exception {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[7]);
  }
}
