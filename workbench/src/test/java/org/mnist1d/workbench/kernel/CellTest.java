package org.mnist1d.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellTest {

  @Test
  void splitsCodeAndMagicsInOrderKeepingOffsets() {
    String src = "%jars ../a/*.jar  b.jar\nint x = 7 % 3;\n  %classpath \"dir with space\"\nx\n";
    List<Cell.Part> parts = Cell.parse(src).parts();
    assertEquals(
        List.of(
            new Cell.LineMagic("jars", List.of("../a/*.jar", "b.jar"), 1),
            new Cell.Code("int x = 7 % 3;\n", src.indexOf("int")),
            new Cell.LineMagic("classpath", List.of("dir with space"), 3),
            new Cell.Code("x\n", src.lastIndexOf("x\n"))),
        parts);
  }

  @Test
  void percentInsideAnExpressionIsCode() {
    String src = "int r = 10\n  % 3;";
    // A line starting with "% 3" is not a magic: a magic name follows % directly.
    assertEquals(List.of(new Cell.Code(src, 0)), Cell.parse(src).parts());
  }

  @Test
  void blankCodeBetweenMagicsIsDropped() {
    List<Cell.Part> parts = Cell.parse("%jars a.jar\n\n   \n%jars b.jar").parts();
    assertEquals(2, parts.size());
    assertEquals(new Cell.LineMagic("jars", List.of("b.jar"), 4), parts.get(1));
  }

  @Test
  void argumentsHonourQuotesAndEscapes() {
    assertEquals(List.of("a b", "c\"d", "", "e"), Cell.splitArgs(" \"a b\"  c\\\"d \"\" e "));
  }
}
