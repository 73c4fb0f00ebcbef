package org.mnist1d.workbench.experiments.lottery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.experiment.RunContext;

/**
 * The search over the chains' {@code rounds.csv}: mean ± SEM over trials of the final test accuracy
 * and loss per round, lottery and random, beside the published means where a round has the sparsity
 * of a published one ({@code search.csv}, {@code report/search.png}, and results that state the
 * published claims as numbers).
 */
final class SearchAnalysis {
  private SearchAnalysis() {}

  static final List<String> COLUMNS =
      List.of(
          "round",
          "sparsity",
          "lottery_acc",
          "lottery_acc_sem",
          "random_acc",
          "random_acc_sem",
          "lottery_loss",
          "random_loss",
          "published_lottery_acc",
          "published_random_acc");

  static void write(
      RunContext ctx, Map<String, LotteryChains.Chain> chains, List<Integer> trials, int round)
      throws Exception {
    int n = Integer.MAX_VALUE;
    for (int t : trials) {
      for (String criterion : LotteryExperiment.CRITERIA) {
        n = Math.min(n, chains.get(LotteryChains.key(t, criterion)).roundsDone());
      }
    }
    List<Map<String, String>> reference =
        chains.get(LotteryChains.key(trials.get(0), "magnitude")).rounds();
    double[] sparsity = new double[n];
    for (int i = 0; i < n; i++) {
      sparsity[i] = Double.parseDouble(reference.get(i).get("sparsity"));
    }
    for (LotteryChains.Chain c : chains.values()) {
      for (int i = 0; i < Math.min(n, c.roundsDone()); i++) {
        if (Double.parseDouble(c.rounds().get(i).get("sparsity")) != sparsity[i]) {
          throw new UserError(
              c.dir()
                  + ": round "
                  + i
                  + " has another sparsity than "
                  + chains.get(LotteryChains.key(trials.get(0), "magnitude")).dir()
                  + " (chains of different schedules)");
        }
      }
    }
    TrialStats lotteryAcc = stats(chains, trials, "magnitude", "final_test_acc", n);
    TrialStats randomAcc = stats(chains, trials, "random", "final_test_acc", n);
    TrialStats lotteryLoss = stats(chains, trials, "magnitude", "final_test_loss", n);
    TrialStats randomLoss = stats(chains, trials, "random", "final_test_loss", n);

    List<Map<String, String>> published = Published.rows("published-search.csv");
    double[] pubLottery = Published.searchMean("magnitude");
    double[] pubRandom = Published.searchMean("random");
    List<double[]> pubPoints = new ArrayList<>();
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int match = -1;
      for (int k = 0; k < published.size(); k++) {
        if (Math.abs(Sparsity.at(k, published.size()) - sparsity[i]) < 1e-12) {
          match = k;
        }
      }
      double pl = match < 0 ? Double.NaN : pubLottery[match];
      double pr = match < 0 ? Double.NaN : pubRandom[match];
      if (match >= 0) {
        pubPoints.add(new double[] {sparsity[i], pl, pr});
      }
      rows.add(
          List.of(
              i,
              sparsity[i],
              lotteryAcc.mean()[i],
              lotteryAcc.sem()[i],
              randomAcc.mean()[i],
              randomAcc.sem()[i],
              lotteryLoss.mean()[i],
              randomLoss.mean()[i],
              pl,
              pr));
    }
    CsvTable.write(ctx.dir().resolve("search.csv"), COLUMNS, rows);
    LotteryFigures.search(
        ctx.dir().resolve("report").resolve("search.png"),
        sparsity,
        lotteryLoss,
        randomLoss,
        lotteryAcc,
        randomAcc,
        pubPoints.stream().mapToDouble(p -> p[1]).toArray(),
        pubPoints.stream().mapToDouble(p -> p[2]).toArray(),
        pubPoints.stream().mapToDouble(p -> p[0]).toArray());

    ctx.result("search.rounds", n);
    // the published claims, as numbers: measured and, on the rounds of published sparsities, from
    // the published means by the same rule
    double[] ps = pubPoints.stream().mapToDouble(p -> p[0]).toArray();
    Map<String, Double> measured =
        claims(sparsity, lotteryAcc.mean(), randomAcc.mean(), round < n ? sparsity[round] : -1);
    Map<String, Double> pub =
        claims(
            ps,
            pubPoints.stream().mapToDouble(p -> p[1]).toArray(),
            pubPoints.stream().mapToDouble(p -> p[2]).toArray(),
            round < n ? sparsity[round] : -1);
    List<List<Object>> claimRows = new ArrayList<>();
    for (Map.Entry<String, Double> e : measured.entrySet()) {
      if (Double.isFinite(e.getValue())) {
        ctx.result("search." + e.getKey(), e.getValue());
      }
      claimRows.add(List.of(e.getKey(), e.getValue(), pub.getOrDefault(e.getKey(), Double.NaN)));
    }
    CsvTable.write(
        ctx.dir().resolve("claims.csv"), List.of("claim", "measured", "published"), claimRows);
  }

  /**
   * The search's claims as numbers from mean accuracies per sparsity (NaN where the schedule has no
   * such point): the dense accuracy (lottery at sparsity 0), the best lottery accuracy and its
   * sparsity, the smallest lottery-minus-random gap over sparsities 0.85 to 0.98, the mean
   * lottery-minus-dense over 0.85 to 0.95, the first sparsity where each falls 10 points below
   * dense, both at the largest sparsity and at the ablation round.
   */
  static Map<String, Double> claims(
      double[] sparsity, double[] lottery, double[] random, double ablationSparsity) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    int n = sparsity.length;
    double dense = n > 0 && sparsity[0] == 0 ? lottery[0] : Double.NaN;
    out.put("dense_acc", dense);
    int best = n == 0 ? -1 : argMax(lottery);
    out.put("lottery_best_acc", best < 0 ? Double.NaN : lottery[best]);
    out.put("lottery_best_sparsity", best < 0 ? Double.NaN : sparsity[best]);
    double gap = Double.POSITIVE_INFINITY;
    double overDense = 0;
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (sparsity[i] >= 0.85 && sparsity[i] <= 0.98) {
        gap = Math.min(gap, lottery[i] - random[i]);
      }
      if (sparsity[i] >= 0.85 && sparsity[i] <= 0.95) {
        overDense += lottery[i] - dense;
        count++;
      }
    }
    out.put("min_lottery_minus_random_85_98", Double.isFinite(gap) ? gap : Double.NaN);
    out.put("mean_lottery_minus_dense_85_95", count > 0 ? overDense / count : Double.NaN);
    out.put("random_collapse_sparsity", collapse(sparsity, random, dense));
    out.put("lottery_collapse_sparsity", collapse(sparsity, lottery, dense));
    out.put("last_sparsity", n > 0 ? sparsity[n - 1] : Double.NaN);
    out.put("last_lottery_acc", n > 0 ? lottery[n - 1] : Double.NaN);
    out.put("last_random_acc", n > 0 ? random[n - 1] : Double.NaN);
    double atLottery = Double.NaN;
    double atRandom = Double.NaN;
    for (int i = 0; i < n; i++) {
      if (Math.abs(sparsity[i] - ablationSparsity) < 1e-12) {
        atLottery = lottery[i];
        atRandom = random[i];
      }
    }
    out.put("ablation_round_lottery_acc", atLottery);
    out.put("ablation_round_random_acc", atRandom);
    return out;
  }

  /** The first sparsity at which {@code acc} is more than 10 points below {@code dense}. */
  private static double collapse(double[] sparsity, double[] acc, double dense) {
    for (int i = 0; i < sparsity.length; i++) {
      if (acc[i] < dense - 10) {
        return sparsity[i];
      }
    }
    return Double.NaN;
  }

  private static TrialStats stats(
      Map<String, LotteryChains.Chain> chains,
      List<Integer> trials,
      String criterion,
      String column,
      int n) {
    List<double[]> curves = new ArrayList<>();
    for (int t : trials) {
      List<Map<String, String>> rows = chains.get(LotteryChains.key(t, criterion)).rounds();
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = Double.parseDouble(rows.get(i).get(column));
      }
      curves.add(v);
    }
    return TrialStats.of(curves);
  }

  private static int argMax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
