package org.mnist1d.workbench.kernel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A kernel session in a JVM of its own (run by {@link NewerJdkKernelTest} under another JDK):
 * evaluates a cell, stops a busy loop, evaluates again; prints {@code ok} or what went wrong.
 */
public final class KernelSmoke {
  private KernelSmoke() {}

  public static void main(String[] args) throws Exception {
    WorkbenchKernel kernel = WorkbenchKernel.create();
    try {
      check(Integer.valueOf(42).equals(kernel.evalRaw("int a = 6;\nint b = 7;\na * b")), "a * b");
      CompletableFuture<Object> spin =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return kernel.evalRaw(
                      "System.setProperty(\"smoke.spinning\", \"yes\");\nwhile (true) { }");
                } catch (RuntimeException e) {
                  return e;
                }
              });
      while (!spin.isDone() && System.getProperty("smoke.spinning") == null) {
        Thread.sleep(10);
      }
      kernel.interrupt();
      Object outcome = spin.get(30, TimeUnit.SECONDS);
      check(outcome instanceof CellInterruptedException, "interrupt: " + outcome);
      check(Integer.valueOf(5).equals(kernel.evalRaw("2 + 3")), "a cell after the interrupt");
      System.out.println("ok " + Runtime.version().feature());
    } finally {
      kernel.onShutdown(false);
    }
    System.exit(0);
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      System.out.println("failed: " + what);
      System.exit(1);
    }
  }
}
