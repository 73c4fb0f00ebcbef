package org.mnist1d.workbench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mnist1d.io.AtomicFile;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.experiment.Checkpoint;
import org.mnist1d.workbench.experiment.MetricsLog;

/**
 * One run's directory and its files. Every whole file (config, env, summary, checkpoint) is written
 * atomically; {@code metrics.csv} is append-only ({@link MetricsLog}). A directory is created with
 * an atomic mkdir, so two runs never share one and a name is never reused.
 */
public final class RunDirectory {
  public static final String CONFIG = "config.yaml";
  public static final String ENV = "env.json";
  public static final String METRICS = "metrics.csv";
  public static final String SUMMARY = "summary.json";
  public static final String CHECKPOINT = "checkpoint.npz";

  /** The text checkpoint of earlier versions, still read. */
  static final String LEGACY_CHECKPOINT = "checkpoint.json";

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path dir;

  private RunDirectory(Path dir) {
    this.dir = dir;
  }

  /** Creates a fresh directory {@code root/<name>-<time>[-<params>][-n]}. */
  public static RunDirectory create(Path root, String name, Map<String, Object> params)
      throws IOException {
    Files.createDirectories(root);
    StringBuilder base =
        new StringBuilder(slug(name)).append('-').append(LocalDateTime.now().format(STAMP));
    params.forEach(
        (k, v) -> base.append('-').append(slug(k)).append('=').append(slug(String.valueOf(v))));
    for (int n = 0; ; n++) {
      Path p = root.resolve(n == 0 ? base.toString() : base + "-" + n);
      try {
        return new RunDirectory(Files.createDirectory(p));
      } catch (FileAlreadyExistsException e) {
        // taken (same second, same params): the next suffix
      }
    }
  }

  /** A glob matching the directories {@link #create} makes for runs named {@code name}. */
  public static String globFor(String name) {
    return slug(name) + "-[0-9]*";
  }

  /** An existing run directory; a missing or foreign directory is a user error. */
  public static RunDirectory existing(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new UserError(dir + ": not a run directory (no such directory)");
    }
    for (String f : new String[] {CONFIG, SUMMARY}) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new UserError(dir + ": not a run directory (no " + f + ")");
      }
    }
    return new RunDirectory(dir);
  }

  private static String slug(String s) {
    String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._=+-]+", "_");
    return t.length() > 40 ? t.substring(0, 40) : t;
  }

  public Path path() {
    return dir;
  }

  /** A file of this run. */
  public Path file(String name) {
    return dir.resolve(name);
  }

  /** Writes a whole text file atomically. */
  public void writeText(String name, String text) {
    try {
      AtomicFile.write(file(name), out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a JSON value atomically. */
  public void writeJson(String name, Object value) {
    try {
      writeText(name, JSON.writeValueAsString(value) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a JSON file of this run; a corrupt one is a user error naming it. */
  public JsonNode readJson(String name) {
    try {
      return JSON.readTree(file(name).toFile());
    } catch (IOException e) {
      throw new UserError(
          file(name) + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }

  /**
   * Saves the checkpoint atomically (a kill leaves the previous one whole), as {@link
   * CheckpointFile}; a text checkpoint of an earlier version is removed once this one is written.
   */
  public void saveCheckpoint(Checkpoint c) {
    try {
      CheckpointFile.write(file(CHECKPOINT), c);
      Files.deleteIfExists(file(LEGACY_CHECKPOINT));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last checkpoint, if any (also one in the text format of earlier versions). */
  public Optional<Checkpoint> loadCheckpoint() {
    if (Files.exists(file(CHECKPOINT))) {
      return Optional.of(CheckpointFile.read(file(CHECKPOINT)));
    }
    if (Files.exists(file(LEGACY_CHECKPOINT))) {
      return Optional.of(
          CheckpointFile.readLegacy(file(LEGACY_CHECKPOINT), readJson(LEGACY_CHECKPOINT)));
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
