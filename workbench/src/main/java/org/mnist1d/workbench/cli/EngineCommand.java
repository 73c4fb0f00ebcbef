package org.mnist1d.workbench.cli;

import ai.djl.engine.Engine;
import org.mnist1d.workbench.nn.Devices;
import picocli.CommandLine.Command;

/** Prints what DJL runs on: engine, versions, device, threads. Loads natives from the jar only. */
@Command(name = "engine", description = "Show the DJL engine, PyTorch version and device in use.")
public final class EngineCommand implements Runnable {
  @Override
  public void run() {
    Engine e = Engine.getInstance();
    System.out.println("engine   " + e.getEngineName() + " " + e.getVersion());
    System.out.println("djl      " + Engine.getDjlVersion());
    System.out.println("device   " + Devices.resolve("auto") + " (gpus: " + e.getGpuCount() + ")");
    System.out.println("threads  " + System.getProperty("ai.djl.pytorch.num_threads", "default"));
  }
}
