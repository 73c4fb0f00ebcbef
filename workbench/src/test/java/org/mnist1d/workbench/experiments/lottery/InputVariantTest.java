package org.mnist1d.workbench.experiments.lottery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The ablations' input permutations, against NumPy and the notebook's slicing. */
class InputVariantTest {
  @Test
  void shuffledIsNumpySeedZeroPermutation() {
    // np.random.seed(0); np.random.permutation(40)
    int[] numpy = {
      22, 20, 25, 4, 10, 15, 28, 11, 18, 29, 27, 35, 37, 2, 39, 30, 34, 16, 36, 8, 13, 5, 17, 14,
      33, 7, 32, 1, 26, 12, 31, 24, 6, 23, 21, 19, 9, 38, 3, 0
    };
    assertArrayEquals(numpy, InputVariant.SHUFFLED.permutation(40, 0));
  }

  @Test
  void flippedChunksAndIdentity() {
    int[] flip = InputVariant.FLIPPED.permutation(40, 0);
    assertEquals(39, flip[0]);
    assertEquals(0, flip[39]);
    int[] chunks = InputVariant.CHUNKS.permutation(40, 0);
    // np.concatenate([x[20:30], x[30:40], x[:10], x[10:20]])
    assertEquals(20, chunks[0]);
    assertEquals(39, chunks[19]);
    assertEquals(0, chunks[20]);
    assertEquals(19, chunks[39]);
    assertArrayEquals(InputVariant.BASELINE.permutation(5, 0), new int[] {0, 1, 2, 3, 4});
    assertEquals(1, InputVariant.REINIT.initOffset());
    assertEquals(0, InputVariant.SHUFFLED.initOffset());
  }
}
