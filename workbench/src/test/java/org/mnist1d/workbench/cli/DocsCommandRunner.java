package org.mnist1d.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.sweep.Sweep;
import picocli.CommandLine;

/**
 * The child JVM of {@link DocsCommandsTest}: runs a plan of CLI commands in its working directory
 * (which stands for the repository root), expanding globs as a shell would, and writes each one's
 * exit code and output. Modes: {@code run} (execute), {@code validate} (load the config of {@code
 * run CONFIG --set ...} and expand its sweep, without running), {@code parse} (only check the
 * command line against the CLI's commands and options).
 */
public final class DocsCommandRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DocsCommandRunner() {}

  /** {@code PLAN.json RESULTS.json}. */
  public static void main(String[] args) throws Exception {
    JsonNode plan = JSON.readTree(Path.of(args[0]).toFile());
    List<Map<String, Object>> results = new ArrayList<>();
    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    for (JsonNode step : plan) {
      List<String> argv = new ArrayList<>();
      step.get("args").forEach(a -> argv.addAll(expand(a.asText())));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code;
      long started = System.nanoTime();
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      try {
        code = execute(step.get("mode").asText(), argv);
      } catch (RuntimeException e) {
        e.printStackTrace();
        code = 99;
      } finally {
        System.setOut(realOut);
        System.setErr(realErr);
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("code", code);
      r.put("ms", (System.nanoTime() - started) / 1_000_000);
      r.put("args", argv);
      r.put("out", tail(out.toString(StandardCharsets.UTF_8)));
      r.put("err", tail(err.toString(StandardCharsets.UTF_8)));
      results.add(r);
      realOut.println("docs command " + step.get("where").asText() + ": exit " + code);
    }
    JSON.writeValue(Path.of(args[1]).toFile(), results);
    System.exit(0);
  }

  private static int execute(String mode, List<String> argv) {
    String[] a = argv.toArray(new String[0]);
    switch (mode) {
      case "run":
        return Main.execute(a);
      case "parse":
        try {
          Cli.commandLine(new Main()).parseArgs(a);
          return 0;
        } catch (CommandLine.ParameterException e) {
          System.err.println("error: " + e.getMessage());
          return Cli.USAGE;
        }
      case "validate":
        {
          int parsed = execute("parse", argv);
          if (parsed != 0) {
            return parsed;
          }
          // run CONFIG [--set K=V]...: what `run` checks before it starts anything
          List<String> overrides = new ArrayList<>();
          for (int i = 0; i < a.length - 1; i++) {
            if (a[i].equals("--set")) {
              overrides.add(a[i + 1]);
            }
          }
          try {
            int points = Sweep.load(Path.of(a[1]), overrides).points().size();
            System.out.println("valid: " + points + " run(s)");
            return 0;
          } catch (UserError e) {
            System.err.println("error: " + e.getMessage());
            return Cli.USAGE;
          }
        }
      default:
        throw new IllegalArgumentException("mode " + mode);
    }
  }

  /**
   * A word as the shell passes it: a glob in its last path segment ({@code runs/quickstart-*})
   * becomes the sorted matches, or stays as it is when nothing matches.
   */
  static List<String> expand(String word) {
    int slash = word.lastIndexOf('/');
    String name = word.substring(slash + 1);
    if (!(name.contains("*") || name.contains("?")) || word.startsWith("-")) {
      return List.of(word);
    }
    Path dir = Path.of(slash < 0 ? "." : word.substring(0, slash));
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + name);
    try (Stream<Path> s = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
      List<String> hits =
          s.filter(p -> m.matches(p.getFileName()))
              .map(
                  p ->
                      slash < 0
                          ? p.getFileName().toString()
                          : dir.resolve(p.getFileName()).toString())
              .sorted()
              .toList();
      return hits.isEmpty() ? List.of(word) : hits;
    } catch (IOException e) {
      return List.of(word);
    }
  }

  private static String tail(String s) {
    return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
  }
}
