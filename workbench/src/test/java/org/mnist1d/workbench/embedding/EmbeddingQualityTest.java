package org.mnist1d.workbench.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Leave-one-out kNN accuracy against NumPy and scikit-learn, and its tie rule. */
class EmbeddingQualityTest {

  @Test
  void matchesTheReferenceAndScikitLearn() {
    JsonNode ref = TsneReference.load("affinities_knn.json");
    double[][] y = TsneReference.matrix(ref.get("y"));
    int[] labels = TsneReference.ints(ref.get("labels"));
    double expected = ref.get("knnAccuracy10").asDouble();
    assertEquals(expected, ref.get("knnAccuracy10Sklearn").asDouble(), 0.0);
    assertEquals(expected, EmbeddingQuality.knnAccuracy(y, labels, 10), 0.0);
  }

  @Test
  void aTiedVoteGoesToTheSmallestLabel() {
    double[][] y = {{0}, {1}, {-2}, {10}, {11}, {13}};
    int[] labels = {1, 2, 1, 0, 0, 0};
    // k = 2. Point 0's neighbours are 1 (label 2) and 2 (label 1): a tie, won by label 1: right.
    // Point 2's are 0 (label 1) and 1 (label 2): also 1, right. Point 1's are 0 and 2 (both 1):
    // wrong. Points 3-5 vote 0: right. So 5/6; ties to the largest label would give 3/6, ties to
    // the nearest neighbour's label 4/6.
    assertEquals(5.0 / 6, EmbeddingQuality.knnAccuracy(y, labels, 2), 0.0);
  }
}
