package org.mnist1d.workbench.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** Resolves the config's {@code device: auto|cpu|gpu} to a DJL device. */
public final class Devices {
  private Devices() {}

  /**
   * {@code auto} takes the first GPU when the engine sees one, else the CPU; {@code gpu} fails with
   * an {@link IllegalArgumentException} when there is none.
   */
  public static Device resolve(String choice) {
    String c = choice == null ? "auto" : choice.toLowerCase(Locale.ROOT);
    int gpus = Engine.getInstance().getGpuCount();
    switch (c) {
      case "cpu":
        return Device.cpu();
      case "gpu":
        if (gpus == 0) {
          throw new IllegalArgumentException(
              "device: gpu was asked for but DJL sees no GPU (use auto or cpu)");
        }
        return Device.gpu();
      case "auto":
        return gpus > 0 ? Device.gpu() : Device.cpu();
      default:
        throw new IllegalArgumentException(
            "device: expected auto, cpu or gpu, got '" + choice + "'");
    }
  }
}
