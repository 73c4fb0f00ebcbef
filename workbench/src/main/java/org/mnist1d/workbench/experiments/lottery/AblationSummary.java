package org.mnist1d.workbench.experiments.lottery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mnist1d.workbench.experiment.RunContext;

/**
 * The ablations' numbers from the run's own metrics.csv: final test accuracy per variant and mask
 * (mean and SEM over trials, with the published mean) in {@code ablations.csv} and the results, the
 * per-variant curves ({@code report/ablations.png}) and the summary figure ({@code
 * report/ablation-summary.png}: dense and random with re-initialisation, the lottery mask on the
 * baseline, on shuffled inputs and re-initialised, as the notebook's last figure).
 */
final class AblationSummary {
  private AblationSummary() {}

  static final List<String> COLUMNS =
      List.of(
          "variant",
          "mask",
          "trials",
          "mean_test_acc",
          "sem_test_acc",
          "per_trial",
          "published_mean");

  static void write(RunContext ctx, List<InputVariant> variants, List<Integer> trials, int pct)
      throws Exception {
    List<Map<String, String>> rows = CsvTable.read(ctx.dir().resolve("metrics.csv"));
    // curves keyed variant -> mask -> trial
    Map<String, Map<String, Map<Integer, List<double[]>>>> curves = new LinkedHashMap<>();
    for (Map<String, String> r : rows) {
      curves
          .computeIfAbsent(r.get("variant"), k -> new LinkedHashMap<>())
          .computeIfAbsent(r.get("mask"), k -> new LinkedHashMap<>())
          .computeIfAbsent(Integer.parseInt(r.get("trial")), k -> new ArrayList<>())
          .add(
              new double[] {
                Double.parseDouble(r.get("step")), Double.parseDouble(r.get("test_acc"))
              });
    }
    List<List<Object>> table = new ArrayList<>();
    List<List<Object>> claims = new ArrayList<>();
    Map<String, Map<String, TrialStats>> byVariant = new LinkedHashMap<>();
    double[] steps = null;
    for (InputVariant v : variants) {
      Map<String, Map<Integer, List<double[]>>> masks = curves.get(v.configName());
      if (masks == null) {
        continue;
      }
      Map<String, TrialStats> stats = new LinkedHashMap<>();
      for (String mask : LotteryAblations.MASKS) {
        Map<Integer, List<double[]>> perTrial = masks.get(mask);
        if (perTrial == null || !perTrial.keySet().containsAll(trials)) {
          continue;
        }
        List<double[]> accs = new ArrayList<>();
        for (int t : trials) {
          List<double[]> c = perTrial.get(t);
          accs.add(c.stream().mapToDouble(p -> p[1]).toArray());
          if (steps == null) {
            steps = c.stream().mapToDouble(p -> p[0]).toArray();
          }
        }
        TrialStats s = TrialStats.of(accs);
        stats.put(mask, s);
        int last = s.mean().length - 1;
        double[] finals = accs.stream().mapToDouble(a -> a[a.length - 1]).toArray();
        TrialStats f =
            TrialStats.of(accs.stream().map(a -> new double[] {a[a.length - 1]}).toList());
        table.add(
            List.of(
                v.configName(),
                mask,
                trials.size(),
                f.mean()[0],
                f.sem()[0],
                java.util.Arrays.stream(finals)
                    .mapToObj(Double::toString)
                    .collect(Collectors.joining(";")),
                Published.ablation(v.configName(), mask)));
        ctx.result("ablations." + v.configName() + "." + mask, s.mean()[last]);
      }
      if (stats.containsKey("dense") && stats.containsKey("lottery")) {
        double[] d = stats.get("dense").mean();
        double[] l = stats.get("lottery").mean();
        ctx.result(
            "ablations." + v.configName() + ".lottery_minus_dense",
            l[l.length - 1] - d[d.length - 1]);
      }
      byVariant.put(v.configName(), stats);
    }
    CsvTable.write(ctx.dir().resolve("ablations.csv"), COLUMNS, table);
    CsvTable claimsCsv =
        CsvTable.open(
            ctx.dir().resolve("claims.csv"),
            List.of("claim", "measured", "published"),
            Integer.MAX_VALUE);
    for (List<Object> c : claims) {
      claimsCsv.append(c.toArray());
    }
    if (steps == null) {
      return;
    }
    LotteryFigures.ablations(
        ctx.dir().resolve("report").resolve("ablations.png"), steps, byVariant, pct);
    Map<String, TrialStats> summary = new LinkedHashMap<>();
    put(summary, "dense", byVariant, "reinit", "dense");
    put(summary, "random", byVariant, "reinit", "random");
    put(summary, "lottery", byVariant, "baseline", "lottery");
    put(summary, "lottery (shuffle spatial dim. of data)", byVariant, "shuffled", "lottery");
    put(summary, "lottery (reinit weights, keep mask)", byVariant, "reinit", "lottery");
    if (!summary.isEmpty()) {
      LotteryFigures.summary(
          ctx.dir().resolve("report").resolve("ablation-summary.png"), steps, summary, pct);
    }
  }

  private static void put(
      Map<String, TrialStats> out,
      String name,
      Map<String, Map<String, TrialStats>> byVariant,
      String variant,
      String mask) {
    Map<String, TrialStats> v = byVariant.get(variant);
    if (v != null && v.containsKey(mask)) {
      out.put(name, v.get(mask));
    }
  }
}
