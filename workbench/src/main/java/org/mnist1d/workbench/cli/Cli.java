package org.mnist1d.workbench.cli;

import org.mnist1d.Mnist1dArgumentException;
import org.mnist1d.workbench.base.UserError;
import picocli.CommandLine;

/** Shared picocli setup: user mistakes become one line on stderr and exit code 2. */
public final class Cli {
  private Cli() {}

  /** Exit code for bad input (config, argument, file). */
  public static final int USAGE = 2;

  /** Builds the command line with the workbench's error handling. */
  public static CommandLine commandLine(Object command) {
    CommandLine cl = new CommandLine(command);
    cl.setExitCodeExceptionMapper(e -> isUserMistake(e) ? USAGE : 1);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine c = ex.getCommandLine();
          // picocli's own messages sometimes start with "Error: " already
          String message = ex.getMessage().replaceFirst("^Error: ", "");
          c.getErr()
              .println(
                  "error: "
                      + message
                      + " (see '"
                      + c.getCommandSpec().qualifiedName()
                      + " --help')");
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (isUserMistake(ex)) {
            c.getErr().println("error: " + ex.getMessage());
            return USAGE;
          }
          throw ex;
        });
    return cl;
  }

  /** Bad input: the workbench's own kind, or a dataset argument the generator refused. */
  private static boolean isUserMistake(Throwable e) {
    return e instanceof UserError || e instanceof Mnist1dArgumentException;
  }
}
