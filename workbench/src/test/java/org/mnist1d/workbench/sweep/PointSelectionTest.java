package org.mnist1d.workbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mnist1d.workbench.base.UserError;

/**
 * {@code --only} specs: indices and ranges in, sorted distinct points out; mistakes in one line.
 */
class PointSelectionTest {
  @Test
  void indicesAndRanges() {
    assertEquals(List.of(3), PointSelection.parse("--only", "3", 8).indices());
    assertEquals(List.of(0, 4, 5, 6, 7), PointSelection.parse("--only", "0,4-7", 8).indices());
    assertEquals(List.of(1, 2, 5), PointSelection.parse("--only", " 5, 2 ,1-2 ", 8).indices());
    assertEquals(List.of(0), PointSelection.parse("--only", "0", 1).indices());
  }

  @Test
  void theCompactFormIsWhatSlurmsArrayTakes() {
    assertEquals("0,4-7", PointSelection.parse("--only", "7,6,5,4,0", 8).spec());
    assertEquals("0-2,5,7-8", PointSelection.parse("--only", "0,1,2,5,7,8", 9).spec());
    assertEquals("0-66", PointSelection.all(67).spec());
    assertTrue(PointSelection.all(3).isAll(3));
  }

  @Test
  void badSpecsAreOneLineErrors() {
    assertEquals("--only: point 8 does not exist; the sweep has 8 points (0-7)", message("8", 8));
    assertEquals(
        "--only: point 9 does not exist; the sweep has 8 points (0-7)", message("0,4-9", 8));
    assertEquals("--only: point -1 does not exist; the sweep has 1 point (0)", message("-1", 1));
    assertEquals("--only: '5-2': range 5-2 runs backwards; expected low-high", message("5-2", 8));
    assertEquals(
        "--only: 'a': expected point indices, e.g. 3 or 0,4-7 (bad part 'a')", message("a", 8));
    assertEquals(
        "--only: '1,,2': expected point indices, e.g. 3 or 0,4-7 (bad part '')",
        message("1,,2", 8));
    assertEquals(
        "--only: expected point indices, e.g. 3 or 0,4-7; the sweep has 8 points (0-7)",
        message(" ", 8));
  }

  private static String message(String spec, int count) {
    String m =
        assertThrows(UserError.class, () -> PointSelection.parse("--only", spec, count))
            .getMessage();
    assertEquals(1, m.lines().count(), m);
    return m;
  }
}
