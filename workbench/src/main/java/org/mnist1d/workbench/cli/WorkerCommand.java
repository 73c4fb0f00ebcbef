package org.mnist1d.workbench.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.sweep.Sweep;
import org.mnist1d.workbench.sweep.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code workbench worker CONFIG --sweep ID ...} (internal): a worker process of {@code run --jobs
 * N}; takes point tasks on stdin and reports on stdout (sweep.WorkerProtocol).
 */
@Command(name = "worker", hidden = true, description = "internal: a worker of run --jobs N")
public final class WorkerCommand implements Callable<Integer> {
  @Parameters(arity = "1", paramLabel = "CONFIG")
  Path config;

  @Option(names = "--set", paramLabel = "PATH=VALUE")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "runs")
  Path runsDir;

  @Option(names = "--threads", paramLabel = "N")
  Integer threads;

  @Option(names = "--sweep", paramLabel = "ID", required = true)
  String sweepId;

  @Override
  public Integer call() throws Exception {
    EngineThreads.set(threads);
    Sweep sweep = Sweep.load(config, overrides);
    if (!sweep.id().equals(sweepId)) {
      throw new UserError(
          config
              + ": changed since the sweep started (its sweep id is now "
              + sweep.id()
              + ", was "
              + sweepId
              + ")");
    }
    // stdout is the protocol; anything else printed goes to stderr, which the parent relays
    PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    Worker.serve(
        sweep,
        runsDir,
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
        protocol,
        System.err);
    return 0;
  }
}
