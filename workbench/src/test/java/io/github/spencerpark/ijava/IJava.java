package io.github.spencerpark.ijava;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.util.ArrayList;
import java.util.List;

/**
 * Test stand-in for IJava's entry class, with the two members {@code Display} uses: the static
 * kernel instance and the kernel's {@code display(DisplayData)}.
 */
public final class IJava {
  private IJava() {}

  /** The running "kernel"; null as long as a test has not started one. */
  public static Kernel kernel;

  public static Kernel getKernelInstance() {
    return kernel;
  }

  /** Records what it is asked to display. */
  public static final class Kernel {
    public final List<DisplayData> shown = new ArrayList<>();

    public void display(DisplayData data) {
      shown.add(data);
    }
  }
}
