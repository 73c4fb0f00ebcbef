package org.mnist1d.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mnist1d.Mnist1d;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;
import org.mnist1d.io.DatasetCsv;
import org.mnist1d.io.Npz;
import org.mnist1d.workbench.base.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench dataset}: makes an MNIST-1D dataset and writes it as .npz or .csv. */
@Command(
    name = "dataset",
    description = {
      "Make an MNIST-1D dataset (identical to the Python reference) and write it as .npz or .csv.",
      "Arguments use the reference's names; see --list-args for names and defaults."
    })
public final class DatasetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--set",
      paramLabel = "NAME=VALUE",
      description = "Set a generator argument, e.g. --set num_samples=10000 --set padding=36,60.")
  List<String> settings = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write: FILE.npz (NumPy archive) or FILE.csv (one table).")
  Path out;

  @Option(
      names = "--list-args",
      description = "List the generator arguments and their defaults, then exit.")
  boolean listArgs;

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    if (listArgs) {
      for (Map.Entry<String, Object> e : Mnist1dArgs.defaultValues().entrySet()) {
        Object v = e.getValue();
        String s = v instanceof List<?> l ? l.get(0) + "," + l.get(1) : String.valueOf(v);
        stdout.printf("%-18s %s%n", e.getKey(), s);
      }
      stdout.flush();
      return 0;
    }
    if (out == null) {
      throw new UserError("missing --out FILE (a file name ending in .npz or .csv)");
    }
    String name =
        out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean npz = name.endsWith(".npz");
    if (!npz && !name.endsWith(".csv")) {
      throw new UserError("--out " + out + ": expected a file name ending in .npz or .csv");
    }
    Mnist1dArgs args = Mnist1dArgs.parse(settings);
    Mnist1dData d = Mnist1d.generate(args);
    try {
      if (npz) {
        Npz.write(out, d);
      } else {
        DatasetCsv.write(out, d);
      }
    } catch (IOException e) {
      throw new UserError("--out " + out + ": cannot write the file (" + reason(e) + ")", e);
    }
    stdout.println(summary(d, out));
    stdout.flush();
    return 0;
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "cannot create a file in that directory";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  /** One line: shapes, class counts of train and test, and where the file went. */
  static String summary(Mnist1dData d, Path out) {
    int l = d.seqLength();
    return "wrote "
        + out
        + ": x "
        + d.x().length
        + "x"
        + l
        + ", x_test "
        + d.xTest().length
        + "x"
        + l
        + ", t "
        + l
        + "; train per class "
        + counts(d.y())
        + ", test per class "
        + counts(d.yTest());
  }

  private static String counts(int[] labels) {
    return Arrays.toString(Mnist1dData.classCounts(labels)).replace(" ", "");
  }
}
