package org.mnist1d.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mnist1d.Mnist1d;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.workbench.nn.Devices;
import org.mnist1d.workbench.nn.Model;
import org.mnist1d.workbench.nn.Models;

/**
 * The GPU path, where there is one (built with {@code -Pgpu} and CUDA natives): {@code device: gpu}
 * resolves to it, and a short training run on it gives the CPU's numbers to float tolerance.
 * Skipped, with a message, on machines without a GPU.
 */
class GpuTrainingTest {
  @BeforeEach
  void needsAGpu() {
    Assumptions.assumeTrue(
        Engine.getInstance().getGpuCount() > 0,
        "no GPU visible to DJL (this build has CPU natives or the machine has no GPU): GPU path not tested here");
  }

  @Test
  void trainingOnTheGpuMatchesTheCpu() {
    assertEquals(Device.gpu(), Devices.resolve("gpu"));
    Mnist1dData data = Mnist1d.generate(Mnist1dArgs.defaults());
    double[] cpu = losses(data, Device.cpu());
    double[] gpu = losses(data, Device.gpu());
    for (int i = 0; i < cpu.length; i++) {
      assertEquals(cpu[i], gpu[i], 1e-3 * Math.max(1, Math.abs(cpu[i])), "step " + i);
    }
  }

  private static double[] losses(Mnist1dData d, Device device) {
    Model cnn = Models.named("cnn", 40, 10);
    double[] out = new double[50];
    try (NDManager m = NDManager.newBaseManager(device);
        TrainingRun run =
            new TrainingRun(
                cnn,
                m,
                d.x(),
                d.y(),
                d.xTest(),
                d.yTest(),
                100,
                "adam",
                0.01,
                TrainingRun.initial(cnn, 42),
                DataType.FLOAT32)) {
      for (int i = 0; i < out.length; i++) {
        out[i] = run.update();
      }
    }
    return out;
  }
}
