package dev.flow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmark's quick mode runs every workload and prints a positive figure for each. */
class BenchmarkTest {
  private static final Pattern FIGURE = Pattern.compile(": (?:median|heap) (\\d+(?:\\.\\d+)?) ");

  @Test
  void quickMode_printsAPositiveFigurePerWorkload() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Benchmark.run(
        new String[] {"--quick", "--runs", "1", "--warmup", "0"},
        new PrintStream(bytes, true, StandardCharsets.UTF_8));

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    List<String> prefixes =
        List.of(
            "W1 sequential 50 activities, embedded durable: median ",
            "W1 sequential 50 activities, HTTP: median ",
            "W2 fan-out 100 activities, embedded durable: median ",
            "W3 50 workflows x 3 sequential activities, embedded durable: median ",
            "W3 50 workflows x 3 sequential activities, HTTP: median ",
            "W4 replay from scratch of a completed 500-activity history (",
            "MEM 300 open executions waiting on a timer, embedded durable: heap ");
    assertThat(lines).hasSize(prefixes.size() + 1);
    for (int i = 0; i < prefixes.size(); i++) {
      String line = lines.get(i);
      assertThat(line).startsWith(prefixes.get(i)).contains("cores");
      if (line.startsWith("W1") || line.startsWith("W2") || line.startsWith("W3")) {
        assertThat(line).contains("; warm-up runs: 0)");
      }
      Matcher figure = FIGURE.matcher(line);
      assertThat(figure.find()).as("a figure in: %s", line).isTrue();
      assertThat(Double.parseDouble(figure.group(1))).as(line).isPositive();
    }
    assertThat(lines.get(prefixes.size()))
        .matches(
            "MEM sticky: -?\\d+\\.\\d KB per cached execution \\(100 parked, JDK \\d+,"
                + " (platform|virtual) threads; .*cores.*");
  }
}
