package org.mnist1d.workbench.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of one metalearning run: resolved config, status, metrics (append-only CSV, one row
 * per outer step, written as produced), the outer loop's checkpoint, the summary. Whole files are
 * written to a temporary name and moved into place, so nothing is ever half-written.
 */
public final class OuterRunFiles {
  static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;
  private final List<String> columns;

  /** The run in {@code dir} with these metric columns. */
  public OuterRunFiles(Path dir, List<String> columns) {
    this.dir = dir;
    this.columns = columns;
  }

  /** A fresh directory {@code runsRoot/name-yyyyMMdd-HHmmss[-n]}; never an existing one. */
  public static Path newRunDir(Path runsRoot, String name) throws IOException {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Files.createDirectories(runsRoot);
    for (int n = 0; ; n++) {
      Path p = runsRoot.resolve(name + "-" + stamp + (n == 0 ? "" : "-" + n));
      try {
        return Files.createDirectory(p);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // taken: try the next suffix
      }
    }
  }

  /** The run directory. */
  public Path dir() {
    return dir;
  }

  /** Writes {@code text} to {@code file} atomically. */
  public static void writeAtomic(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records running / done / failed (with the reason). */
  public void status(String state, String reason) {
    ObjectNode n = JSON.createObjectNode().put("state", state);
    if (reason != null) {
      n.put("reason", reason);
    }
    writeAtomic(dir.resolve("status.json"), n.toPrettyString() + "\n");
  }

  /** The recorded state, or "" when there is none. */
  public String state() {
    try {
      Path f = dir.resolve("status.json");
      return Files.exists(f) ? JSON.readTree(f.toFile()).path("state").asText("") : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends one metrics row (header first if the file is new) and flushes it to disk. */
  public void append(Map<String, Object> row) {
    try {
      Path f = dir.resolve("metrics.csv");
      StringBuilder sb = new StringBuilder();
      if (!Files.exists(f)) {
        sb.append(String.join(",", columns)).append('\n');
      }
      for (int i = 0; i < columns.size(); i++) {
        Object v = row.get(columns.get(i));
        sb.append(i == 0 ? "" : ",").append(v instanceof Double d ? String.format(Locale.ROOT, "%.8g", d) : String.valueOf(v));
      }
      sb.append('\n');
      Files.writeString(f, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The metric rows, as text by column. */
  public List<Map<String, String>> metrics() {
    return readCsv(dir.resolve("metrics.csv"));
  }

  static List<Map<String, String>> readCsv(Path f) {
    try {
      if (!Files.exists(f)) {
        return List.of();
      }
      List<String> lines = Files.readAllLines(f);
      String[] head = lines.get(0).split(",");
      List<Map<String, String>> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < head.length && i < cells.length; i++) {
          row.put(head[i], cells[i]);
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Keeps only the first {@code keep} data rows of a CSV in the run: on resume, rows written
   * after the last checkpoint are dropped and recomputed.
   */
  public void truncate(String fileName, int keep) {
    try {
      Path f = dir.resolve(fileName);
      if (Files.exists(f)) {
        List<String> lines = Files.readAllLines(f);
        writeAtomic(f, String.join("\n", lines.subList(0, Math.min(lines.size(), keep + 1))) + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Saves the outer loop's state (and any extra fields) atomically. */
  public void saveCheckpoint(OuterLoop.State state) {
    ObjectNode n = JSON.createObjectNode().put("step", state.step());
    n.set("hyper", JSON.valueToTree(state.hyper()));
    n.set("optimizer", JSON.valueToTree(state.optimizerState()));
    writeAtomic(dir.resolve("checkpoint.json"), n.toString());
  }

  /** The saved state, or {@code initial} when the run has no checkpoint yet. */
  public OuterLoop.State checkpoint(OuterLoop.State initial) {
    try {
      Path f = dir.resolve("checkpoint.json");
      if (!Files.exists(f)) {
        return initial;
      }
      JsonNode n = JSON.readTree(f.toFile());
      return new OuterLoop.State(n.get("step").asInt(), JSON.treeToValue(n.get("hyper"), double[][].class),
          JSON.treeToValue(n.get("optimizer"), double[][].class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes summary.json: {@code params} and {@code results}. */
  public void summary(Map<String, Object> params, ObjectNode results) {
    ObjectNode n = JSON.createObjectNode();
    n.set("params", JSON.valueToTree(params));
    n.set("results", results);
    writeAtomic(dir.resolve("summary.json"), n.toPrettyString() + "\n");
  }

  /** A new JSON object for results. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** A new JSON array. */
  public static ArrayNode array() {
    return JSON.createArrayNode();
  }
}
