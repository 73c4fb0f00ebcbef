package org.mnist1d.workbench.experiments.lottery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mnist1d.io.Npy;
import org.mnist1d.workbench.base.UserError;
import org.mnist1d.workbench.nn.Model;

/** Mask files: NumPy's packbits layout, a round trip, and named errors. */
class MaskFilesTest {
  @TempDir Path tmp;

  @Test
  void bitsArePackedAsNumpyPacksThem() {
    // np.packbits([1,0,1,1,0,0,0,1, 1,1,1]) == [177, 224]
    byte[] p =
        MaskFiles.pack(List.of(new double[] {1, 0, 1, 1, 0}, new double[] {0, 0, 1, 1, 1, 1}));
    assertArrayEquals(new byte[] {(byte) 177, (byte) 224}, p);
  }

  @Test
  void roundTripAndMismatchedModelIsNamed() throws Exception {
    Model mlp = LotteryExperiment.model(40, 6);
    List<double[]> masks =
        Pruning.magnitude(
            org.mnist1d.workbench.nn.Initialization.values(mlp, 1), Pruning.MLP_LAYERS, 0.6);
    MaskFiles.write(tmp, 3, masks, mlp.parameters());
    List<double[]> back = MaskFiles.read(tmp, 3, mlp.parameters());
    for (int i = 0; i < masks.size(); i++) {
      assertArrayEquals(masks.get(i), back.get(i));
    }
    Npy.Array a = Npy.parse(Files.readAllBytes(tmp.resolve("masks/round-003.npy")));
    assertArrayEquals(new int[] {(int) ((mlp.parameterCount() + 7) / 8)}, a.shape());
    UserError wrongModel =
        assertThrows(
            UserError.class,
            () -> MaskFiles.read(tmp, 3, LotteryExperiment.model(40, 7).parameters()));
    assertTrue(wrongModel.getMessage().contains("model.hidden"), wrongModel.getMessage());
    UserError missing =
        assertThrows(UserError.class, () -> MaskFiles.read(tmp, 4, mlp.parameters()));
    assertTrue(missing.getMessage().contains("round-004.npy"), missing.getMessage());
  }
}
