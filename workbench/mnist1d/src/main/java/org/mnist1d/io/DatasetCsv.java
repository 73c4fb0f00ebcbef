package org.mnist1d.io;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.mnist1d.Mnist1dData;

/**
 * A dataset as one CSV table: columns {@code split} (train/test), {@code label}, {@code x0 ..
 * x(L-1)}; train rows first. Values in Java's shortest round-trip decimal form.
 */
public final class DatasetCsv {
  private DatasetCsv() {}

  /** Writes the dataset to {@code path} atomically. */
  public static void write(Path path, Mnist1dData d) throws IOException {
    AtomicFile.write(
        path,
        out -> {
          Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
          StringBuilder line = new StringBuilder("split,label");
          for (int j = 0; j < d.seqLength(); j++) {
            line.append(",x").append(j);
          }
          w.write(line.append('\n').toString());
          rows(w, "train", d.x(), d.y());
          rows(w, "test", d.xTest(), d.yTest());
          w.flush();
        });
  }

  private static void rows(Writer w, String split, double[][] x, int[] y) throws IOException {
    StringBuilder line = new StringBuilder(1024);
    for (int i = 0; i < x.length; i++) {
      line.setLength(0);
      line.append(split).append(',').append(y[i]);
      for (double v : x[i]) {
        line.append(',').append(v);
      }
      w.write(line.append('\n').toString());
    }
  }
}
