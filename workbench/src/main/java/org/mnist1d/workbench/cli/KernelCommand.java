package org.mnist1d.workbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.kernel.Kernelspec;
import org.mnist1d.workbench.kernel.WorkbenchKernel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code workbench kernel install|run}: the Jupyter kernel for Java notebooks. */
@Command(
    name = "kernel",
    mixinStandardHelpOptions = true,
    description =
        "The Jupyter kernel for Java notebooks (JShell with the workbench on the class path).",
    subcommands = {KernelCommand.Install.class, KernelCommand.Run.class})
public final class KernelCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Writes the kernelspec so that Jupyter lists the kernel. */
  @Command(
      name = "install",
      mixinStandardHelpOptions = true,
      description =
          "Install the kernelspec '" + WorkbenchKernel.NAME + "' for Jupyter (default: --user).")
  static final class Install implements Runnable {

    static final class Where {
      @Option(
          names = "--user",
          description = "Into Jupyter's user data folder (~/.local/share/jupyter).")
      boolean user;

      @Option(
          names = "--prefix",
          paramLabel = "DIR",
          description = "Into DIR/share/jupyter/kernels (e.g. a virtualenv or a temporary prefix).")
      Path prefix;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Where where;

    @Option(
        names = "--threads",
        paramLabel = "N",
        defaultValue = "1",
        description =
            "PyTorch intra-op threads of the kernel (default: ${DEFAULT-VALUE}; small models run fastest on one).")
    int threads;

    @Override
    public void run() {
      Path kernels =
          where != null && where.prefix != null
              ? Kernelspec.prefixKernelsDir(where.prefix.toAbsolutePath().normalize())
              : Kernelspec.userKernelsDir();
      if (threads < 1) {
        throw new UserError("kernel install: --threads must be at least 1, got " + threads);
      }
      Path dir;
      try {
        dir = Kernelspec.forThisJvm(threads).installInto(kernels);
      } catch (IOException e) {
        throw new UserError(
            "kernel install: cannot write the kernelspec under " + kernels + ": " + e.getMessage());
      }
      System.out.println("installed kernelspec " + WorkbenchKernel.NAME + " in " + dir);
    }
  }

  /** Runs the kernel for Jupyter; the kernelspec's command line calls this. */
  @Command(
      name = "run",
      hidden = true,
      mixinStandardHelpOptions = true,
      description = "Run the kernel on a Jupyter connection file (started by Jupyter).")
  static final class Run implements Runnable {
    @Option(
        names = "--connection-file",
        required = true,
        paramLabel = "FILE",
        description = "Jupyter's connection file.")
    Path connectionFile;

    @Override
    public void run() {
      if (!Files.isRegularFile(connectionFile)) {
        throw new UserError("kernel run: --connection-file " + connectionFile + " is not a file");
      }
      try {
        WorkbenchKernel.serve(connectionFile);
      } catch (Exception e) {
        throw new IllegalStateException("kernel stopped: " + e.getMessage(), e);
      }
    }
  }
}
