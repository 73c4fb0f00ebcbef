package org.mnist1d.workbench.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mnist1d.ExampleTransform;
import org.mnist1d.LegacyRandom;
import org.mnist1d.Mnist1dArgs;
import org.mnist1d.Templates;

/**
 * The cumulative-transform figure's numbers: every panel against the notebook's procedure run in
 * NumPy/SciPy (reference/mnist1d/transform-panels-seed0.json), and the last one against the
 * generator's own transform with every step on.
 */
class DatasetConstructionTest {
  private static JsonNode reference() throws Exception {
    try (InputStream in =
        DatasetConstructionTest.class.getResourceAsStream(
            "/reference/mnist1d/transform-panels-seed0.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void panelsAreTheNotebooksSignals() throws Exception {
    List<DatasetConstruction.Panel> panels = DatasetConstruction.panels();
    JsonNode ref = reference().get("panels");
    assertEquals(8, panels.size());
    assertEquals(8, ref.size());
    double worst = 0;
    for (int i = 0; i < 8; i++) {
      DatasetConstruction.Panel p = panels.get(i);
      JsonNode r = ref.get(i);
      assertEquals(7 - i, r.get("ablations").asInt());
      for (int d = 0; d < 10; d++) {
        JsonNode x = r.get("x").get(d);
        JsonNode t = r.get("t").get(d);
        assertEquals(x.size(), p.signals()[d].length, "panel " + i + " digit " + d);
        for (int j = 0; j < x.size(); j++) {
          double diff = Math.abs(x.get(j).asDouble() - p.signals()[d][j]);
          worst = Math.max(worst, diff);
          assertEquals(x.get(j).asDouble(), p.signals()[d][j], 1e-12, "panel " + i + " x");
          assertEquals(t.get(j).asDouble(), p.times()[d][j], 1e-12, "panel " + i + " t");
        }
      }
    }
    System.out.println("transform panels: largest difference from NumPy/SciPy " + worst);
  }

  @Test
  void panelsSwitchTheStepsOnOneAtATime() {
    List<DatasetConstruction.Panel> panels = DatasetConstruction.panels();
    assertNull(panels.get(0).args(), "panel 0 is the templates");
    assertArrayEquals(Templates.x()[3], panels.get(0).signals()[3], 0.0);
    Mnist1dArgs defaults = Mnist1dArgs.defaults();
    assertEquals(defaults, panels.get(7).args(), "the last panel is the dataset's transform");
    assertEquals(0.0, panels.get(6).args().shearScale());
    assertEquals(defaults.iidNoiseScale(), panels.get(6).args().iidNoiseScale());
    assertEquals(1, panels.get(3).args().maxTranslation());
    assertEquals(defaults.scaleCoeff(), panels.get(3).args().scaleCoeff());
    assertEquals(60, panels.get(1).args().paddingLow());
    assertEquals(36, panels.get(2).args().paddingLow());
    // the last panel: ExampleTransform with every step on, templates 0..9 from NumPy's seed(0)
    LegacyRandom rng = new LegacyRandom(0);
    ExampleTransform full = new ExampleTransform(defaults);
    for (int d = 0; d < 10; d++) {
      double[] out = new double[40];
      full.apply(rng, Templates.x()[d], out);
      assertArrayEquals(out, panels.get(7).signals()[d], 0.0, "digit " + d);
    }
  }
}
