package org.mnist1d.workbench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.report.Comparison;
import org.mnist1d.workbench.report.TableFormats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tech.tablesaw.api.Table;

/** {@code workbench compare RUN_DIR...}: params and results of runs side by side, as Markdown. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = "Print the params and results of runs side by side.")
public final class CompareCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "RUN_DIR")
  List<Path> runs;

  @Override
  public Integer call() {
    for (Path r : runs) {
      if (!Files.isRegularFile(r.resolve("summary.json"))) {
        throw new UserError("compare: " + r + ": not a run directory (no summary.json)");
      }
    }
    Table t = Comparison.sideBySide(runs);
    System.out.print(TableFormats.markdown(t));
    return 0;
  }
}
