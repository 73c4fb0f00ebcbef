package org.mnist1d.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code bin/workbench} command in a fenced bash block of README.md and docs/*.md, and every
 * experiment or report YAML block there, is executed, so that the docs cannot drift from the
 * workbench. How each is run (shortened, validated, or only parsed) is set in the resource {@code
 * docs-commands.yaml}; docs/testing.md, "Commands in the docs", explains the rules.
 */
class DocsCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z0-9_-]*)\\s*$");

  @TempDir Path scratch;

  /** One thing to execute: where it comes from, the command line, how to execute it and why. */
  record Step(String where, List<String> args, String mode, String note) {}

  /** A fenced block: its document, first line number (1-based), language and lines. */
  record Block(Path doc, int line, String language, List<String> lines) {}

  static Path repositoryRoot() {
    String root = System.getProperty("project.root");
    Path p = root != null && !root.isBlank() ? Path.of(root) : Path.of("").toAbsolutePath();
    return Files.isDirectory(p.resolve("docs")) ? p : p.getParent();
  }

  /** README.md, then docs/*.md by name. */
  static List<Path> documents(Path root) throws Exception {
    List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  static List<Block> blocks(Path doc) throws Exception {
    List<String> lines = Files.readAllLines(doc);
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      var open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      List<String> body = new ArrayList<>();
      int j = i + 1;
      while (j < lines.size() && !FENCE.matcher(lines.get(j)).matches()) {
        body.add(lines.get(j++));
      }
      out.add(new Block(doc, i + 2, open.group(1).toLowerCase(), body));
      i = j;
    }
    return out;
  }

  /**
   * The shell words of a command line: quotes removed, an unquoted {@code #} after a blank starts a
   * comment. No variables or substitutions (the documented commands have none).
   */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else {
          w.append(ch);
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        w = w == null ? new StringBuilder() : w;
      } else if (Character.isWhitespace(ch)) {
        if (w != null) {
          words.add(w.toString());
          w = null;
        }
      } else if (ch == '#' && w == null) {
        break;
      } else {
        w = w == null ? new StringBuilder() : w;
        w.append(ch);
      }
    }
    if (w != null) {
      words.add(w.toString());
    }
    return words;
  }

  /** The commands of a shell block: continuation lines joined, a leading {@code $ } dropped. */
  static List<Map.Entry<Integer, String>> commands(Block b) {
    List<Map.Entry<Integer, String>> out = new ArrayList<>();
    StringBuilder current = null;
    int start = 0;
    for (int k = 0; k < b.lines().size(); k++) {
      String line = b.lines().get(k).strip();
      if (current == null) {
        current = new StringBuilder();
        start = b.line() + k;
        line = line.startsWith("$ ") ? line.substring(2) : line;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      if (!current.toString().isBlank()) {
        out.add(Map.entry(start, current.toString()));
      }
      current = null;
    }
    return out;
  }

  private JsonNode rules() throws Exception {
    try (InputStream in = DocsCommandsTest.class.getResourceAsStream("docs-commands.yaml")) {
      return YAML.readTree(in);
    }
  }

  /** The experiment a config file names, or null when it is not an experiment file. */
  private static String experimentOf(Path file) {
    try {
      JsonNode n = YAML.readTree(file.toFile());
      return n != null && n.has("experiment") ? n.get("experiment").asText() : null;
    } catch (Exception e) {
      return null; // the command itself will say what is wrong with the file
    }
  }

  /** How to execute {@code bin/workbench ARGS}, by the rules. */
  private Step plan(String where, List<String> args, JsonNode rules, Path workspace) {
    String line = String.join(" ", args);
    var skips = rules.get("skip").fields();
    while (skips.hasNext()) {
      var s = skips.next();
      if (Pattern.compile(s.getKey()).matcher(line).find()) {
        return new Step(where, args, "parse", "skipped: " + s.getValue().asText());
      }
    }
    List<String> full = new ArrayList<>(args);
    String sub = args.isEmpty() ? "" : args.get(0);
    JsonNode append = rules.get("append").get(sub);
    if (append != null) {
      append.forEach(a -> full.add(a.asText()));
    }
    if (sub.equals("run")) {
      int resume = args.indexOf("--resume");
      if (resume >= 0) {
        boolean exists =
            resume + 1 < args.size() && Files.exists(workspace.resolve(args.get(resume + 1)));
        return exists
            ? new Step(where, full, "run", "")
            : new Step(where, full, "parse", "parsed: names a run directory the docs do not make");
      }
      if (args.size() < 2) {
        return new Step(where, full, "parse", "parsed only");
      }
      String experiment = experimentOf(workspace.resolve(args.get(1)));
      JsonNode small = experiment == null ? null : rules.get("run").get(experiment);
      if (small == null) {
        return new Step(
            where, full, "validate", "validated: no shortened run for '" + experiment + "'");
      }
      small.forEach(
          o -> {
            full.add("--set");
            full.add(o.asText());
          });
      return new Step(where, full, "run", "run, shortened");
    }
    return new Step(where, full, "run", "");
  }

  /** The workspace: the repository's inputs linked, an empty runs/, a home for Jupyter. */
  private Path workspace(Path root) throws Exception {
    Path ws = Files.createDirectories(scratch.resolve("repo"));
    for (String dir : List.of("configs", "docs", "notebooks")) {
      if (Files.isDirectory(root.resolve(dir))) {
        Files.createSymbolicLink(ws.resolve(dir), root.resolve(dir));
      }
    }
    Files.copy(root.resolve("README.md"), ws.resolve("README.md"));
    Files.createDirectories(ws.resolve("runs"));
    return ws;
  }

  @Test
  void everyDocumentedCommandAndYamlBlockWorks() throws Exception {
    Path root = repositoryRoot();
    JsonNode rules = rules();
    Path ws = workspace(root);
    List<Step> steps = new ArrayList<>();
    List<String> notRun = new ArrayList<>();
    for (JsonNode s : rules.get("setup")) {
      steps.add(plan("setup", words(s.asText()), rules, ws));
    }
    int snippets = 0;
    List<Step> reportSnippets = new ArrayList<>();
    for (Path doc : documents(root)) {
      String name = root.relativize(doc).toString();
      for (Block b : blocks(doc)) {
        if (List.of("bash", "sh", "shell", "console").contains(b.language())) {
          for (var c : commands(b)) {
            String where = name + ":" + c.getKey();
            List<String> w = words(c.getValue());
            if (w.isEmpty() || !w.get(0).equals("bin/workbench")) {
              notRun.add(where + ": " + c.getValue() + " (not a workbench command)");
              continue;
            }
            steps.add(plan(where, w.subList(1, w.size()), rules, ws));
          }
        } else if (b.language().equals("yaml")) {
          String text = String.join("\n", b.lines()) + "\n";
          JsonNode yaml = YAML.readTree(text);
          String where = name + ":" + b.line();
          Path file = ws.resolve("snippets").resolve("snippet-" + snippets++ + ".yaml");
          Files.createDirectories(file.getParent());
          Files.writeString(file, text);
          String rel = ws.relativize(file).toString();
          if (yaml != null && yaml.has("experiment")) {
            steps.add(plan(where + " (yaml)", List.of("run", rel), rules, ws));
          } else if (yaml != null && (yaml.has("tables") || yaml.has("charts"))) {
            // a report file: over the runs the commands made, after all of them
            reportSnippets.add(
                new Step(
                    where + " (yaml)",
                    List.of("report", rel, "--out", "runs/reports/" + file.getFileName()),
                    "run",
                    "report over the runs made above"));
          } else {
            notRun.add(where + ": a yaml block that is neither an experiment nor a report");
          }
        }
      }
    }
    steps.addAll(reportSnippets);

    Path planFile = scratch.resolve("plan.json");
    List<Map<String, Object>> plan = new ArrayList<>();
    for (Step s : steps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("where", s.where());
      m.put("args", s.args());
      m.put("mode", s.mode());
      plan.add(m);
    }
    JSON.writeValue(planFile.toFile(), plan);
    Path results = scratch.resolve("results.json");
    Process child = childJvm(ws, planFile, results);
    assertTrue(child.waitFor(600, TimeUnit.SECONDS), "the commands finish within 10 minutes");
    String log = Files.readString(scratch.resolve("child.log"));
    assertTrue(Files.exists(results), "the child wrote its results: " + log);

    JsonNode out = JSON.readTree(results.toFile());
    List<String> failures = new ArrayList<>();
    StringBuilder summary = new StringBuilder("documented commands:\n");
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      JsonNode r = out.get(i);
      int code = r.get("code").asInt();
      summary.append(
          String.format(
              "  %-28s exit %d %6d ms  %s%s%n",
              s.where(),
              code,
              r.get("ms").asLong(),
              String.join(" ", s.args()),
              s.note().isEmpty() ? "" : "  [" + s.note() + "]"));
      if (code != 0) {
        failures.add(
            s.where()
                + ": bin/workbench "
                + String.join(" ", s.args())
                + " ["
                + s.mode()
                + "] exited "
                + code
                + ":\n"
                + r.get("err").asText()
                + r.get("out").asText());
      }
    }
    notRun.forEach(n -> summary.append("  not run: ").append(n).append('\n'));
    System.out.print(summary);
    assertTrue(steps.size() > 10, "found the documented commands: " + summary);
    assertTrue(failures.isEmpty(), String.join("\n\n", failures));
  }

  private Process childJvm(Path ws, Path plan, Path results) throws Exception {
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dai.djl.offline=true",
            "-Dai.djl.pytorch.num_threads=" + System.getProperty("ai.djl.pytorch.num_threads", "1"),
            "-Dmnist1d.cache=" + System.getProperty("mnist1d.cache", ""),
            "-Duser.home=" + scratch.resolve("home"),
            "-Xmx2g",
            "-cp",
            System.getProperty("java.class.path"),
            DocsCommandRunner.class.getName(),
            plan.toString(),
            results.toString());
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(ws.toFile())
            .redirectErrorStream(true)
            .redirectOutput(scratch.resolve("child.log").toFile());
    // `kernel install` writes where Jupyter looks: here, the scratch directory
    pb.environment().put("JUPYTER_DATA_DIR", scratch.resolve("jupyter").toString());
    pb.environment().put("HOME", scratch.resolve("home").toString());
    return pb.start();
  }
}
