package org.mnist1d.workbench.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Whole runs: the schedule, determinism, decreasing KL, and clusters found only where they exist.
 */
class TsneTest {
  /** Five tight Gaussian clusters in 20-D, labels by cluster. */
  private static final int[] CLUSTER_LABELS = new int[300];

  private static final double[][] CLUSTERS = clusters(300, 20, 5, CLUSTER_LABELS, 17);

  private static double[][] clusters(int n, int dims, int count, int[] labels, long seed) {
    Random rng = new Random(seed);
    double[][] centres = new double[count][dims];
    for (double[] c : centres) {
      for (int d = 0; d < dims; d++) {
        c[d] = 4 * rng.nextGaussian();
      }
    }
    double[][] x = new double[n][dims];
    for (int i = 0; i < n; i++) {
      labels[i] = i % count;
      for (int d = 0; d < dims; d++) {
        x[i][d] = centres[labels[i]][d] + rng.nextGaussian();
      }
    }
    return x;
  }

  private static TsneSettings settings(int threads) {
    return TsneSettings.openTsneDefaults().withThreads(threads);
  }

  @Test
  void defaultsAreOpenTsnes() {
    TsneSettings s = TsneSettings.openTsneDefaults();
    assertEquals(30, s.perplexity());
    assertEquals(250, s.earlyIterations());
    assertEquals(12, s.earlyExaggeration());
    assertEquals(500, s.iterations());
    assertEquals(1, s.exaggeration());
    assertEquals(0.8, s.earlyMomentum());
    assertEquals(0.8, s.momentum());
    assertEquals(5000 / 12.0, s.learningRate(5000, 12));
    assertEquals(5000, s.learningRate(5000, 1));
    assertEquals(1, s.dof());
    assertEquals(0.01, s.minGain());
    assertEquals(Double.POSITIVE_INFINITY, s.maxGradNorm());
    assertEquals(5, s.maxStepNorm());
  }

  @Test
  void shortRunMatchesANumpyImplementationOfOpenTsnesOptimiser() {
    JsonNode knn = TsneReference.load("affinities_knn.json");
    JsonNode ref = TsneReference.load("descent.json");
    int n = knn.get("y").size();
    JointProbabilities p =
        JointProbabilities.fromDense(
            TsneReference.symmetricFromUpper(knn.get("symmetricUpper"), n));
    double[][] start =
        TsneReference.reshape(
            TsneReference.doubles(TsneReference.load("pca.json").get("openTsneInit")), 2);
    TsneSettings s =
        settings(2)
            .withIterations(ref.get("earlyIterations").asInt(), ref.get("iterations").asInt());
    Embedding e = Tsne.embed(p, start, s, ProgressListener.NONE);
    assertEquals(ref.get("earlyKlDivergence").asDouble(), e.earlyKlDivergence(), 1e-11);
    assertEquals(ref.get("klDivergence").asDouble(), e.klDivergence(), 1e-10);
    double[][] y = TsneReference.reshape(TsneReference.doubles(ref.get("y")), 2);
    // The steps amplify rounding (NumPy sums in another order): in NumPy itself, starting 1e-15
    // away moves this layout by 1.6e-11 of its extent; a gains rule clipped at 0.01 instead of
    // openTSNE's "* 0.8 + 0.01" moves it by 0.56.
    double gap = TsneReference.relativeGap(e.y(), y);
    assertTrue(gap < 1e-9, "gap " + gap);
  }

  @Test
  void clustersAreFoundAndKlGoesDown() {
    List<KlCheckpoint> heard = new ArrayList<>();
    Embedding e = Tsne.embed(CLUSTERS, settings(2), heard::add);
    assertEquals(heard, e.trace());
    // Checkpoints every 50 steps, the last one being the final layout's.
    assertEquals(15, e.trace().size());
    assertEquals(750, e.trace().get(14).iteration());
    assertEquals(e.klDivergence(), e.trace().get(14).klDivergence(), 0.0);
    assertEquals(e.earlyKlDivergence(), e.trace().get(4).klDivergence(), 0.0);
    assertEquals(250, e.trace().get(4).iteration());
    // The KL falls in each phase (the exaggerated phase optimises a different objective).
    assertTrue(e.trace().get(0).klDivergence() > e.earlyKlDivergence());
    for (int c = 5; c < 15; c++) {
      assertTrue(
          e.trace().get(c).klDivergence() <= e.trace().get(c - 1).klDivergence() + 1e-3,
          "KL at " + e.trace().get(c).iteration());
    }
    assertTrue(e.klDivergence() < e.earlyKlDivergence());
    assertTrue(EmbeddingQuality.knnAccuracy(e.y(), CLUSTER_LABELS, 10) > 0.99);
    // The layout stays centred.
    double m0 = 0;
    double m1 = 0;
    for (double[] row : e.y()) {
      m0 += row[0];
      m1 += row[1];
    }
    assertEquals(0, m0 / e.y().length, 1e-9);
    assertEquals(0, m1 / e.y().length, 1e-9);
  }

  @Test
  void noiseStaysAtChance() {
    Random rng = new Random(3);
    double[][] x = new double[300][20];
    int[] labels = new int[300];
    for (int i = 0; i < x.length; i++) {
      labels[i] = rng.nextInt(5);
      for (int d = 0; d < 20; d++) {
        x[i][d] = rng.nextGaussian();
      }
    }
    Embedding e = Tsne.embed(x, settings(2), ProgressListener.NONE);
    double accuracy = EmbeddingQuality.knnAccuracy(e.y(), labels, 10);
    // Chance is 1/5; with 300 points the standard error is about 0.023.
    assertTrue(Math.abs(accuracy - 0.2) < 0.08, "accuracy " + accuracy);
  }

  @Test
  void sameNumbersOnEveryRunAndForAnyThreadCount() {
    TsneSettings s = settings(1).withIterations(100, 100);
    Embedding a = Tsne.embed(CLUSTERS, s, ProgressListener.NONE);
    Embedding b = Tsne.embed(CLUSTERS, s, ProgressListener.NONE);
    Embedding c = Tsne.embed(CLUSTERS, s.withThreads(2), ProgressListener.NONE);
    Embedding d = Tsne.embed(CLUSTERS, s.withThreads(3), ProgressListener.NONE);
    for (Embedding other : new Embedding[] {b, c, d}) {
      assertEquals(a.klDivergence(), other.klDivergence(), 0.0);
      for (int i = 0; i < a.y().length; i++) {
        assertArrayEquals(a.y()[i], other.y()[i], 0.0);
      }
    }
  }

  @Test
  void givenStartAndAffinitiesAreUsedAsGiven() {
    Affinities affinities = Affinities.perplexityBased(CLUSTERS, 30, 90, 2);
    double[][] start = Initialisation.pca(CLUSTERS, 2);
    TsneSettings s = settings(2).withIterations(50, 50);
    Embedding viaData = Tsne.embed(CLUSTERS, s, ProgressListener.NONE);
    Embedding viaParts = Tsne.embed(affinities.p(), start, s, ProgressListener.NONE);
    assertEquals(viaData.klDivergence(), viaParts.klDivergence(), 0.0);
    assertArrayEquals(Initialisation.pca(CLUSTERS, 2)[7], start[7], 0.0, "start not modified");
  }

  @Test
  void withoutEarlyExaggerationTheEarlyKlIsTheStarts() {
    Embedding e = Tsne.embed(CLUSTERS, settings(2).withIterations(0, 60));
    assertEquals(0, e.trace().get(0).iteration());
    assertEquals(e.earlyKlDivergence(), e.trace().get(0).klDivergence(), 0.0);
    assertEquals(List.of(0, 50, 60), e.trace().stream().map(KlCheckpoint::iteration).toList());
  }

  @Test
  void heavierTailsAndOtherDimensionsRun() {
    TsneSettings s = settings(2).withIterations(100, 200).withDof(0.5);
    Embedding e = Tsne.embed(CLUSTERS, s, ProgressListener.NONE);
    assertTrue(e.klDivergence() < e.trace().get(0).klDivergence());
    assertTrue(EmbeddingQuality.knnAccuracy(e.y(), CLUSTER_LABELS, 10) > 0.99);
    TsneSettings threeD =
        new TsneSettings(
            3,
            30,
            0,
            100,
            12,
            0.8,
            200,
            1,
            0.8,
            TsneSettings.AUTO_LEARNING_RATE,
            1,
            0.01,
            Double.POSITIVE_INFINITY,
            5,
            50,
            2);
    Embedding e3 = Tsne.embed(CLUSTERS, threeD, ProgressListener.NONE);
    assertEquals(3, e3.y()[0].length);
    assertTrue(EmbeddingQuality.knnAccuracy(e3.y(), CLUSTER_LABELS, 10) > 0.99);
  }
}
