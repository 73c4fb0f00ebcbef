package org.mnist1d.workbench.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Template}: placeholders filled once, values copied verbatim, gaps refused. */
class TemplateTest {
  @Test
  void fillsEveryPlaceholderOnceAndCopiesValuesVerbatim() {
    assertEquals(
        "Hello {{n}} $1 \\, {{n}} $1 \\ again; 3 braces {not} a placeholder.\n",
        Template.render(
            TemplateTest.class, "greeting.txt", Map.of("who", "{{n}} $1 \\", "n", "3")));
  }

  @Test
  void aPlaceholderWithoutAValueOrAMissingResourceIsAnError() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Template.render(TemplateTest.class, "greeting.txt", Map.of("who", "x")));
    assertEquals("greeting.txt: no value for {{n}}", e.getMessage());
    assertThrows(
        IllegalStateException.class,
        () -> Template.render(TemplateTest.class, "absent.txt", Map.of()));
  }
}
