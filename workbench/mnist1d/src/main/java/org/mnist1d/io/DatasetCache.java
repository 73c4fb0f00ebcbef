package org.mnist1d.io;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;
import org.mnist1d.Mnist1d;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Mnist1dData;

/**
 * Generated datasets kept on disk, one {@code .npz} per argument set with a {@code .sha256} file
 * beside it ({@code sha256sum -c} format). A file whose checksum does not match, or that does not
 * parse, is reported on stderr and rebuilt, never used.
 */
public final class DatasetCache {
  /** Bumped when the generator's output changes, so old files are not mistaken for new ones. */
  static final String FORMAT = "mnist1d-v1";

  private final Path dir;
  private final Function<Mnist1dArgs, Mnist1dData> generator;
  private final PrintStream warnings;

  /** A cache in {@code dir} that makes missing datasets with {@link Mnist1d#generate}. */
  public DatasetCache(Path dir) {
    this(dir, Mnist1d::generate, System.err);
  }

  DatasetCache(Path dir, Function<Mnist1dArgs, Mnist1dData> generator, PrintStream warnings) {
    this.dir = dir;
    this.generator = generator;
    this.warnings = warnings;
  }

  /**
   * The cache in the default directory: system property {@code mnist1d.cache}, else {@code
   * $XDG_CACHE_HOME/mnist1d}, else {@code ~/.cache/mnist1d}.
   */
  public static DatasetCache atDefaultLocation() {
    return new DatasetCache(defaultDirectory());
  }

  /** The directory {@link #atDefaultLocation()} uses. */
  public static Path defaultDirectory() {
    String prop = System.getProperty("mnist1d.cache");
    if (prop != null && !prop.isBlank()) {
      return Paths.get(prop);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Paths.get(xdg, "mnist1d");
    }
    return Paths.get(System.getProperty("user.home"), ".cache", "mnist1d");
  }

  /** The cache directory. */
  public Path directory() {
    return dir;
  }

  /**
   * The file for these arguments: a readable prefix (samples, seed) and a hash of the canonical
   * argument string, e.g. {@code mnist1d-n5000-seed42-3f2a9c0d1e4b5a67.npz}.
   */
  public Path pathFor(Mnist1dArgs args) {
    String hash = sha256(bytes(FORMAT + ";" + args.canonical())).substring(0, 16);
    return dir.resolve(
        "mnist1d-n" + args.numSamples() + "-seed" + args.seed() + "-" + hash + ".npz");
  }

  /** The dataset for these arguments: read from the cache when intact, else made and stored. */
  public Mnist1dData get(Mnist1dArgs args) {
    Path file = pathFor(args);
    Path sum = checksumFile(file);
    try {
      Mnist1dData cached = readIfIntact(file, sum, args);
      if (cached != null) {
        return cached;
      }
    } catch (IOException e) {
      warn(file, "it cannot be read: " + e.getMessage());
    }
    Mnist1dData made = generator.apply(args);
    try {
      byte[] content = npzBytes(made);
      AtomicFile.write(file, out -> out.write(content));
      String line = sha256(content) + "  " + file.getFileName() + "\n";
      AtomicFile.write(sum, out -> out.write(bytes(line)));
    } catch (IOException e) {
      // The dataset is made either way; only the next run pays for the missing cache.
      warnings.println(
          "warning: cannot store dataset in cache " + dir + " (" + e + "); continuing without it");
    }
    return made;
  }

  private Mnist1dData readIfIntact(Path file, Path sum, Mnist1dArgs args) throws IOException {
    byte[] content;
    String expected;
    if (!Files.isRegularFile(file)) {
      return null; // not made yet
    }
    content = Files.readAllBytes(file);
    try {
      expected = Files.readString(sum, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
    } catch (NoSuchFileException e) {
      warn(file, "its checksum file " + sum.getFileName() + " is missing");
      return null;
    }
    if (!sha256(content).equals(expected)) {
      warn(file, "its SHA-256 does not match " + sum.getFileName());
      return null;
    }
    try {
      Mnist1dData d = Npz.read(new java.io.ByteArrayInputStream(content), file.toString());
      if (d.x().length != args.trainCount()
          || d.x().length + d.xTest().length != args.count()
          || d.seqLength() != args.finalSeqLength()) {
        warn(file, "its shapes do not match the arguments");
        return null;
      }
      return d;
    } catch (IOException | RuntimeException e) {
      warn(file, "it does not parse (" + e.getMessage() + ")");
      return null;
    }
  }

  private void warn(Path file, String why) {
    warnings.println(
        "warning: dataset cache file " + file + " is unusable (" + why + "); rebuilding it");
  }

  static Path checksumFile(Path npz) {
    return npz.resolveSibling(npz.getFileName() + ".sha256");
  }

  private static byte[] npzBytes(Mnist1dData d) throws IOException {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    Npz.write(buf, d);
    return buf.toByteArray();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
