package org.mnist1d.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code workbench bench}: named workloads, JSON lines, thread properties, unknown names. */
class BenchCommandTest {

  @Test
  void unknownWorkloadIsExitTwoListingTheKnownOnes() {
    CommandRun r = CommandRun.of("bench", "no-such-workload");
    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(
        r.err().contains("no-such-workload") && r.err().contains("dataset-default"), r.err());
  }

  @Test
  void jsonLineHasTimingsAndThreadsAreSetForTheEngine() throws Exception {
    String old = System.getProperty(BenchCommand.THREADS_PROPERTY);
    String oldInterop = System.getProperty(BenchCommand.INTEROP_THREADS_PROPERTY);
    try {
      CommandRun r =
          CommandRun.of(
              "bench",
              "dataset-default",
              "--json",
              "--threads",
              "1",
              "--warmup",
              "0",
              "--iterations",
              "3");
      assertEquals(0, r.code(), r.err());
      assertEquals(1, r.out().lines().count(), r.out());
      JsonNode j = new ObjectMapper().readTree(r.out());
      assertEquals("dataset-default", j.get("name").asText());
      assertEquals(3, j.get("iterations").asInt());
      assertEquals(1, j.get("threads").asInt());
      double min = j.get("min_ms").asDouble();
      double median = j.get("median_ms").asDouble();
      double max = j.get("max_ms").asDouble();
      assertTrue(min > 0 && min <= median && median <= max, r.out());
      assertEquals("1", System.getProperty(BenchCommand.THREADS_PROPERTY));
      assertEquals("1", System.getProperty(BenchCommand.INTEROP_THREADS_PROPERTY));
    } finally {
      restore(BenchCommand.THREADS_PROPERTY, old);
      restore(BenchCommand.INTEROP_THREADS_PROPERTY, oldInterop);
    }
  }

  @Test
  void pacedRoundsWaitForALineEachAndStopAtTheEndOfInput() throws Exception {
    InputStream oldIn = System.in;
    try {
      // a line saying the warm-up is done, then two lines of input: two of the five rounds run,
      // then the input ends
      System.setIn(new ByteArrayInputStream("go\ngo\n".getBytes(StandardCharsets.UTF_8)));
      CommandRun r =
          CommandRun.of(
              "bench",
              "dataset-default",
              "--json",
              "--warmup",
              "0",
              "--iterations",
              "2",
              "--rounds",
              "5",
              "--paced");
      assertEquals(0, r.code(), r.err());
      List<String> lines = r.out().lines().toList();
      assertEquals(3, lines.size(), r.out());
      assertTrue(new ObjectMapper().readTree(lines.get(0)).get("warmed_up").asBoolean(), r.out());
      for (int i = 0; i < 2; i++) {
        JsonNode j = new ObjectMapper().readTree(lines.get(i + 1));
        assertEquals(i + 1, j.get("round").asInt());
        assertEquals(2, j.get("iterations").asInt());
      }
    } finally {
      System.setIn(oldIn);
    }
  }

  @Test
  void roundsRunBackToBackWithoutPacing() {
    CommandRun r =
        CommandRun.of(
            "bench", "dataset-default", "--warmup", "0", "--iterations", "1", "--rounds", "3");
    assertEquals(0, r.code(), r.err());
    assertEquals(3, r.out().lines().count(), r.out());
    assertTrue(r.out().contains("round 3:"), r.out());
    CommandRun bad = CommandRun.of("bench", "dataset-default", "--rounds", "0");
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("--rounds"), bad.err());
  }

  @Test
  void humanLineByDefault() {
    CommandRun r = CommandRun.of("bench", "dataset-default", "--warmup", "0", "--iterations", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("dataset-default") && r.out().contains("median"), r.out());
  }

  @Test
  void badThreadCountIsAUserError() {
    CommandRun r = CommandRun.of("bench", "dataset-default", "--threads", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--threads"), r.err());
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
