package org.mnist1d.workbench.experiments.lottery;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mnist1d.workbench.figures.BarChart;
import org.mnist1d.workbench.figures.ChartImages;
import org.mnist1d.workbench.figures.LineChart;
import org.mnist1d.workbench.figures.MatrixImage;
import org.mnist1d.workbench.figures.Panels;

/** The lottery notebook's figures, drawn from measured numbers with the published ones beside. */
final class LotteryFigures {
  private LotteryFigures() {}

  /** The notebook's colours: random red, lottery blue, dense black. */
  static final java.awt.Color RANDOM = new java.awt.Color(0xD62728);

  static final java.awt.Color LOTTERY = new java.awt.Color(0x1F5FBF);
  static final java.awt.Color DENSE = java.awt.Color.BLACK;

  /**
   * The search figure (the notebook's cell 23): final test loss (log scale) and final test accuracy
   * against sparsity, mean ± SEM over trials, lottery and random, the dense level dashed (the
   * lottery curve at sparsity 0), and the published means as markers.
   */
  static void search(
      Path file,
      double[] sparsity,
      TrialStats lotteryLoss,
      TrialStats randomLoss,
      TrialStats lotteryAcc,
      TrialStats randomAcc,
      double[] publishedLottery,
      double[] publishedRandom,
      double[] publishedSparsity) {
    double[] dense = constant(sparsity.length, lotteryAcc.mean()[0]);
    double[] denseLoss = constant(sparsity.length, lotteryLoss.mean()[0]);
    LineChart.Lines loss =
        new LineChart.Lines()
            .add("random", sparsity, randomLoss.mean(), randomLoss.sem())
            .add("lottery", sparsity, lotteryLoss.mean(), lotteryLoss.sem())
            .dashed("dense", sparsity, denseLoss)
            .color("random", RANDOM)
            .color("lottery", LOTTERY)
            .color("dense", DENSE)
            .logY();
    LineChart.Lines acc =
        new LineChart.Lines()
            .add("random", sparsity, randomAcc.mean(), randomAcc.sem())
            .add("lottery", sparsity, lotteryAcc.mean(), lotteryAcc.sem())
            .dashed("dense", sparsity, dense)
            .points("random (published)", publishedSparsity, publishedRandom)
            .points("lottery (published)", publishedSparsity, publishedLottery)
            .color("random", RANDOM)
            .color("lottery", LOTTERY)
            .color("dense", DENSE)
            .color("random (published)", RANDOM)
            .color("lottery (published)", LOTTERY)
            .yRange(40, 80);
    Panels.save(
        file,
        2,
        List.of(
            ChartImages.image(LineChart.chart("Final test loss", "Sparsity", "loss", loss)),
            ChartImages.image(
                LineChart.chart("Final test accuracy", "Sparsity", "accuracy (%)", acc))));
  }

  /** One panel per ablation: dense, random and lottery test accuracy against step. */
  static void ablations(
      Path file, double[] steps, Map<String, Map<String, TrialStats>> byVariant, int sparsityPct) {
    List<BufferedImage> panels = new ArrayList<>();
    for (Map.Entry<String, Map<String, TrialStats>> v : byVariant.entrySet()) {
      LineChart.Lines lines = new LineChart.Lines().yRange(50, 76);
      v.getValue().forEach((mask, s) -> lines.add(mask, steps, s.mean(), s.sem()));
      panels.add(
          ChartImages.image(
              LineChart.chart(
                  String.format(Locale.ROOT, "%s (%d%% sparse)", v.getKey(), sparsityPct),
                  "Train step",
                  "Test accuracy (%)",
                  lines)));
    }
    Panels.save(file, 2, panels);
  }

  /** The summary figure (the notebook's cell 60): curves named as in its legend. */
  static void summary(Path file, double[] steps, Map<String, TrialStats> curves, int sparsityPct) {
    LineChart.Lines lines = new LineChart.Lines().yRange(50, 76);
    // the notebook's colours: dense k, random r, lottery b, shuffled g, reinit c
    Map<String, java.awt.Color> colours =
        Map.of(
            "dense", DENSE,
            "random", RANDOM,
            "lottery", LOTTERY,
            "lottery (shuffle spatial dim. of data)", new java.awt.Color(0x2CA02C),
            "lottery (reinit weights, keep mask)", new java.awt.Color(0x17BECF));
    curves.forEach(
        (name, s) -> {
          lines.add(name, steps, s.mean(), s.sem());
          if (colours.containsKey(name)) {
            lines.color(name, colours.get(name));
          }
        });
    LineChart.save(
        file,
        String.format(Locale.ROOT, "Lottery ticket analysis (%d%% sparse)", sparsityPct),
        "Train step",
        "Test accuracy (%)",
        lines);
  }

  /**
   * The adjacency bars (the notebook's cell 56): p(two, three, four adjacent weights), random and
   * lottery, measured (with SEM over units) and published.
   */
  static void adjacency(
      Path file, Adjacency.Stats random, Adjacency.Stats lottery, double[][] published) {
    List<BufferedImage> panels = new ArrayList<>();
    String[] titles = {
      "p(two adjacent weights)", "p(three adjacent weights)", "p(four adjacent weights)"
    };
    for (int r = 0; r < 3; r++) {
      BarChart.Bars bars =
          new BarChart.Bars()
              .add(
                  "measured",
                  new double[] {random.mean()[r], lottery.mean()[r]},
                  new double[] {random.sem()[r], lottery.sem()[r]})
              .add(
                  "published",
                  new double[] {published[0][2 * r], published[1][2 * r]},
                  new double[] {published[0][2 * r + 1], published[1][2 * r + 1]});
      panels.add(
          ChartImages.image(
              BarChart.chart(titles[r], "probability", List.of("random", "lottery"), bars)));
    }
    Panels.save(file, 3, panels);
  }

  /**
   * The first-layer masks (the notebook's cell 25): inputs down, hidden units across, sorted by
   * adjacency; pruned weights white, kept ones black, as its {@code imshow(weight == 0)}.
   */
  static void masks(
      Path file, List<String> titles, List<double[]> w1Masks, int hidden, int inputs) {
    List<BufferedImage> panels = new ArrayList<>();
    for (int i = 0; i < w1Masks.size(); i++) {
      double[] w1 = w1Masks.get(i);
      int[] order = Adjacency.unitOrder(w1, hidden, inputs);
      double[][] img = new double[inputs][hidden];
      for (int col = 0; col < hidden; col++) {
        for (int in = 0; in < inputs; in++) {
          img[in][col] = w1[order[col] * inputs + in] == 0 ? 1 : 0;
        }
      }
      panels.add(MatrixImage.of(img, 2, 3, titles.get(i)));
    }
    Panels.save(file, 1, panels);
  }

  private static double[] constant(int n, double v) {
    double[] out = new double[n];
    java.util.Arrays.fill(out, v);
    return out;
  }
}
