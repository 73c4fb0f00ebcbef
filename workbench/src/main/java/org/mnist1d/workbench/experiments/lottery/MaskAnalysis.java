package org.mnist1d.workbench.experiments.lottery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mnist1d.workbench.experiment.RunContext;

/**
 * The mask analysis at the ablation round: adjacency statistics of every trial's first-layer masks
 * ({@code adjacency.csv}; the lottery rows also hold p4 computed as upstream did, with the random
 * mask as last factor), the bars of the first trial beside the published ones ({@code
 * report/adjacency.png}), and the mask images ({@code report/masks.png}). Upstream drew the lottery
 * masks of the round before the random ones (90 and 91); here both are of the same round.
 */
final class MaskAnalysis {
  private MaskAnalysis() {}

  static final List<String> COLUMNS =
      List.of(
          "trial",
          "mask",
          "round",
          "p2",
          "p2_sem",
          "p3",
          "p3_sem",
          "p4",
          "p4_sem",
          "p4_as_published");

  static void write(
      RunContext ctx,
      Map<String, List<double[]>> masks,
      List<Integer> trials,
      int hidden,
      int inputs,
      int round,
      int pct)
      throws Exception {
    List<List<Object>> rows = new ArrayList<>();
    Adjacency.Stats firstRandom = null;
    Adjacency.Stats firstLottery = null;
    List<String> titles = new ArrayList<>();
    List<double[]> images = new ArrayList<>();
    for (String criterion : List.of("random", "magnitude")) {
      for (int t : trials) {
        double[] w1 = masks.get(LotteryChains.key(t, criterion)).get(0);
        titles.add(
            String.format(
                Locale.ROOT,
                "%s ticket #%d (%.0f%% of first-layer weights pruned)",
                criterion.equals("random") ? "Random" : "Lottery",
                t + 1,
                100.0 * zeros(w1) / w1.length));
        images.add(w1);
      }
    }
    for (int t : trials) {
      double[] random = masks.get(LotteryChains.key(t, "random")).get(0);
      double[] lottery = masks.get(LotteryChains.key(t, "magnitude")).get(0);
      Adjacency.Stats r = Adjacency.of(random, null, hidden, inputs);
      Adjacency.Stats l = Adjacency.of(lottery, null, hidden, inputs);
      Adjacency.Stats asPublished = Adjacency.of(lottery, random, hidden, inputs);
      rows.add(row(t, "random", round, r, Double.NaN));
      rows.add(row(t, "lottery", round, l, asPublished.mean()[2]));
      if (firstRandom == null) {
        firstRandom = r;
        firstLottery = l;
        String[] names = {"p2", "p3", "p4"};
        for (int k = 0; k < 3; k++) {
          ctx.result("adjacency.random." + names[k], r.mean()[k]);
          ctx.result("adjacency.lottery." + names[k], l.mean()[k]);
        }
        ctx.result("adjacency.lottery.p4_as_published", asPublished.mean()[2]);
      }
    }
    CsvTable.write(ctx.dir().resolve("adjacency.csv"), COLUMNS, rows);
    List<Map<String, String>> pub = Published.rows("published-adjacency.csv");
    double[][] published = new double[2][6];
    for (int m = 0; m < 2; m++) {
      String[] keys = {"p2", "p2_sem", "p3", "p3_sem", "p4", "p4_sem"};
      for (int k = 0; k < 6; k++) {
        published[m][k] = Double.parseDouble(pub.get(m).get(keys[k]));
      }
    }
    LotteryFigures.adjacency(
        ctx.dir().resolve("report").resolve("adjacency.png"), firstRandom, firstLottery, published);
    LotteryFigures.masks(
        ctx.dir().resolve("report").resolve("masks.png"), titles, images, hidden, inputs);
  }

  private static List<Object> row(int trial, String mask, int round, Adjacency.Stats s, double p4) {
    return List.of(
        trial,
        mask,
        round,
        s.mean()[0],
        s.sem()[0],
        s.mean()[1],
        s.sem()[1],
        s.mean()[2],
        s.sem()[2],
        p4);
  }

  private static int zeros(double[] m) {
    int n = 0;
    for (double v : m) {
      if (v == 0) {
        n++;
      }
    }
    return n;
  }
}
