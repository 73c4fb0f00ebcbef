package org.mnist1d.workbench.figures;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mnist1d.ExampleTransform;
import org.mnist1d.LegacyRandom;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Templates;
import org.mnist1d.io.AtomicFile;

/**
 * How MNIST-1D is built, as the building-mnist1d notebook shows it: the ten templates, then the
 * generator's transform with its steps switched back on one at a time (padding to a fixed 60 zeros,
 * padding of random length, scaling, translation, correlated noise, iid noise, shear), each panel
 * the ten templates transformed. Every signal comes from the dataset library's {@link
 * ExampleTransform}; a panel only changes the arguments.
 *
 * <p>Seeded as the notebook: panel {@code i} (0 to 7) sets NumPy's {@code seed(0)}, takes the
 * default arguments with the first {@code 7 - i} of these ablations applied (shear_scale 0,
 * iid_noise_scale 0, corr_noise_scale 0, max_translation 1, scale_coeff 0, padding [60, 60],
 * padding [0, 0]), and transforms the templates in order 0 to 9 from that one stream. With padding
 * [0, 0] (panel 0) the notebook draws the templates themselves.
 */
public final class DatasetConstruction {
  private DatasetConstruction() {}

  /** The notebook's seed for every panel. */
  public static final long SEED = 0;

  /**
   * One panel: what it adds, the arguments its signals were made with (null for the templates), the
   * ten signals and the time axis of each.
   */
  public record Panel(String title, Mnist1dArgs args, double[][] signals, double[][] times) {}

  /** Titles of panels 0 to 7: what each switches on. */
  public static final List<String> TITLES =
      List.of(
          "0. templates (12 points each)",
          "1. + padding: 60 zeros, dilated to 72 points, resampled to 40",
          "2. + padding of random length (36 to 60 zeros)",
          "3. + scaling (factor 1 +/- 0.2)",
          "4. + translation (circular shift of up to 47 of 72 points)",
          "5. + correlated noise (where the signal is zero)",
          "6. + iid noise (sd 0.02)",
          "7. + shear: the dataset's transform");

  /** The notebook's ablations, in its order: panel i applies the first 7 - i of them. */
  static List<Map<String, Object>> ablations(Mnist1dArgs defaults) {
    int high = defaults.paddingHigh();
    return List.of(
        Map.of("shear_scale", 0.0),
        Map.of("iid_noise_scale", 0.0),
        Map.of("corr_noise_scale", 0.0),
        Map.of("max_translation", 1),
        Map.of("scale_coeff", 0.0),
        Map.of("padding", List.of(high, high)),
        Map.of("padding", List.of(0, 0)));
  }

  /** The default arguments with the first {@code n} ablations applied. */
  public static Mnist1dArgs ablated(int n) {
    Mnist1dArgs defaults = Mnist1dArgs.defaults();
    Map<String, Object> changes = new LinkedHashMap<>();
    for (Map<String, Object> a : ablations(defaults).subList(0, n)) {
      changes.putAll(a);
    }
    return defaults.with(changes);
  }

  /** The eight panels, 0 (templates) to 7 (the full transform), seeded as the notebook. */
  public static List<Panel> panels() {
    List<Panel> out = new ArrayList<>();
    double[][] templates = Templates.x();
    double[] t = Templates.t();
    for (int i = 0; i < 8; i++) {
      Mnist1dArgs args = ablated(7 - i);
      if (args.paddingHigh() == 0) {
        double[][] ts = new double[templates.length][];
        java.util.Arrays.fill(ts, t);
        out.add(new Panel(TITLES.get(i), null, templates, ts));
        continue;
      }
      LegacyRandom rng = new LegacyRandom(SEED);
      ExampleTransform transform = new ExampleTransform(args);
      double[][] xs = new double[templates.length][args.finalSeqLength()];
      for (int d = 0; d < templates.length; d++) {
        transform.apply(rng, templates[d], xs[d]);
      }
      double[][] ts = new double[templates.length][];
      java.util.Arrays.fill(ts, transform.timeAxis(t));
      out.add(new Panel(TITLES.get(i), args, xs, ts));
    }
    return out;
  }

  /** Height of a panel's caption band in pixels. */
  static final int CAPTION = 40;

  /**
   * A panel drawn as the paper draws signals ({@link Signals}), on the given limits, with its title
   * above.
   */
  public static BufferedImage draw(Panel p, double xZoom, double tZoom) {
    BufferedImage signals = Signals.signals(p.signals(), p.times(), Templates.y(), xZoom, tZoom);
    BufferedImage out =
        new BufferedImage(
            signals.getWidth(), signals.getHeight() + CAPTION, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      g.setColor(FigureStyle.INK);
      g.setFont(new Font(FigureStyle.FAMILY, Font.BOLD, 17));
      FontMetrics fm = g.getFontMetrics();
      g.drawString(p.title(), 12, (CAPTION + fm.getAscent()) / 2 - 2);
      g.drawImage(signals, 0, CAPTION, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Every panel drawn on the limits of all of them, so they read as frames of one animation. */
  public static List<BufferedImage> frames(List<Panel> panels) {
    double xZoom = 0;
    double tZoom = 0;
    for (Panel p : panels) {
      xZoom = Math.max(xZoom, Signals.maxAbs(p.signals()));
      tZoom = Math.max(tZoom, Signals.maxAbs(p.times()));
    }
    List<BufferedImage> out = new ArrayList<>();
    for (Panel p : panels) {
      out.add(draw(p, 1.1 * xZoom, 1.1 * tZoom));
    }
    return out;
  }

  /**
   * Writes {@code transform_0.png} to {@code transform_7.png}, {@code transforms.gif} (the panels
   * as an animation, {@code delayMs} per frame, the last held three times as long, looping) and
   * {@code templates.png} (the paper's templates figure) into {@code dir}; returns the paths.
   */
  public static List<Path> write(Path dir, int delayMs) throws IOException {
    Files.createDirectories(dir);
    List<Panel> panels = panels();
    List<BufferedImage> frames = frames(panels);
    List<Path> written = new ArrayList<>();
    for (int i = 0; i < frames.size(); i++) {
      Path f = dir.resolve("transform_" + i + ".png");
      byte[] png = ChartImages.png(frames.get(i));
      AtomicFile.write(f, out -> out.write(png));
      written.add(f);
    }
    int[] delays = new int[frames.size()];
    java.util.Arrays.fill(delays, delayMs);
    delays[delays.length - 1] = 3 * delayMs;
    Path gif = dir.resolve("transforms.gif");
    AtomicFile.write(gif, out -> AnimatedGif.write(frames, delays, out));
    written.add(gif);
    Path templates = dir.resolve("templates.png");
    byte[] png = ChartImages.png(Signals.templates(Templates.x(), Templates.t()));
    AtomicFile.write(templates, out -> out.write(png));
    written.add(templates);
    return written;
  }
}
