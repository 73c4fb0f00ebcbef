package org.mnist1d.workbench.experiments.lottery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mnist1d.io.AtomicFile;
import org.mnist1d.io.Npy;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.nn.ParameterSpec;

/**
 * A lottery run's masks, one file per round: {@code masks/round-NNN.npy} is a 1-d uint8 array of
 * the round's 0/1 masks packed eight to a byte as NumPy's {@code packbits} packs them (first entry
 * in the highest bit), over the parameters in order, each flattened row-major ({@code w1, b1, w2,
 * b2, w3, b3}: each layer's part is upstream's flat {@code [weight..., bias...]} vector). {@code
 * masks/layout.json} names the parameters and their shapes. In Python: {@code
 * np.unpackbits(np.load(f))[:n]}.
 */
final class MaskFiles {
  static final String DIR = "masks";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MaskFiles() {}

  /** The file of round {@code round} in run directory {@code run}. */
  static Path file(Path run, int round) {
    return run.resolve(DIR).resolve(String.format(Locale.ROOT, "round-%03d.npy", round));
  }

  /** Writes round {@code round}'s masks (and the layout, the first time) atomically. */
  static void write(Path run, int round, List<double[]> masks, List<ParameterSpec> specs)
      throws IOException {
    Path dir = run.resolve(DIR);
    Files.createDirectories(dir);
    Path layout = dir.resolve("layout.json");
    if (!Files.exists(layout)) {
      List<Map<String, Object>> ps = new ArrayList<>();
      for (ParameterSpec s : specs) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", s.name());
        p.put("shape", s.shape().getShape());
        ps.add(p);
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put(
          "about",
          "round-NNN.npy: np.packbits of the 0/1 masks of the parameters below, in order, each"
              + " flattened row-major; unpack with np.unpackbits(a)[:count]");
      doc.put("count", specs.stream().mapToLong(s -> s.shape().size()).sum());
      doc.put("parameters", ps);
      byte[] text = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
      AtomicFile.write(layout, out -> out.write(text));
    }
    byte[] packed = pack(masks);
    AtomicFile.write(file(run, round), out -> out.write(Npy.uint8(packed)));
  }

  /**
   * Round {@code round}'s masks from run directory {@code run}, checked against the parameters
   * {@code specs} of the model they will be applied to; a missing or mismatched file is a user
   * error naming it.
   */
  static List<double[]> read(Path run, int round, List<ParameterSpec> specs) {
    Path layout = run.resolve(DIR).resolve("layout.json");
    Path f = file(run, round);
    try {
      JsonNode doc = JSON.readTree(layout.toFile());
      JsonNode ps = doc.path("parameters");
      if (ps.size() != specs.size()) {
        throw new UserError(
            layout + ": masks of " + ps.size() + " parameters; expected " + specs.size());
      }
      for (int i = 0; i < specs.size(); i++) {
        long[] shape = specs.get(i).shape().getShape();
        JsonNode s = ps.get(i).path("shape");
        boolean same = s.size() == shape.length;
        for (int k = 0; same && k < shape.length; k++) {
          same = s.get(k).asLong() == shape[k];
        }
        if (!same) {
          throw new UserError(
              layout
                  + ": parameter "
                  + ps.get(i).path("name").asText()
                  + " has shape "
                  + s
                  + "; the model here expects "
                  + specs.get(i).shape()
                  + " (a lottery run of another model.hidden?)");
        }
      }
      Npy.Array a = Npy.parse(Files.readAllBytes(f));
      if (!a.descr().equals("|u1") || a.shape().length != 1) {
        throw new UserError(f + ": expected a 1-d uint8 array of packed bits");
      }
      byte[] packed = new byte[a.data().remaining()];
      a.data().get(packed);
      return unpack(packed, specs, f);
    } catch (NoSuchFileException e) {
      throw new UserError(e.getFile() + ": no such file (has the lottery run reached this round?)");
    } catch (IOException e) {
      throw new UserError(f + ": not a readable mask file (" + e.getMessage() + ")");
    }
  }

  /** The masks' entries as bits, first entry in the highest bit of the first byte. */
  static byte[] pack(List<double[]> masks) {
    long n = masks.stream().mapToLong(m -> m.length).sum();
    byte[] out = new byte[Math.toIntExact((n + 7) / 8)];
    int i = 0;
    for (double[] m : masks) {
      for (double v : m) {
        if (v != 0) {
          out[i >> 3] |= (byte) (0x80 >>> (i & 7));
        }
        i++;
      }
    }
    return out;
  }

  private static List<double[]> unpack(byte[] packed, List<ParameterSpec> specs, Path f) {
    long n = specs.stream().mapToLong(s -> s.shape().size()).sum();
    if (packed.length != (n + 7) / 8) {
      throw new UserError(
          f + ": " + packed.length + " bytes of packed masks; expected " + (n + 7) / 8);
    }
    List<double[]> out = new ArrayList<>();
    int i = 0;
    for (ParameterSpec s : specs) {
      double[] m = new double[Math.toIntExact(s.shape().size())];
      for (int k = 0; k < m.length; k++, i++) {
        m[k] = (packed[i >> 3] & (0x80 >>> (i & 7))) != 0 ? 1 : 0;
      }
      out.add(m);
    }
    return out;
  }
}
