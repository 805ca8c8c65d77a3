package dev.flow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graph of the sample's process-video run against a golden DOT, normalised: the workflow id and
 * durations replaced, each node named by its call id instead of its position (the order in which
 * activities finish varies from run to run), lines sorted. Rewrite the golden with
 * FLOW_UPDATE_GOLDENS=1.
 */
class ProcessVideoGraphTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden/process-video.dot");
  private static final Pattern NODE = Pattern.compile("^  (n\\d+) \\[id=\"([^\"]+)\"");

  @Test
  void processVideoGraph_matchesTheGolden_andDotAcceptsIt(@TempDir Path dir) throws Exception {
    String dot;
    String id;
    try (SampleRuns sample = SampleRuns.embedded(dir)) {
      id = sample.processVideoId;
      Cli.Run run = sample.cli().run("graph", id);
      assertThat(run.status()).as(run.toString()).isZero();
      dot = run.out();
    }
    String normalised = normalise(dot, id);
    if (System.getenv("FLOW_UPDATE_GOLDENS") != null) {
      Files.writeString(GOLDEN, normalised, StandardCharsets.UTF_8);
    }
    assertThat(normalised).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    // the edges of DESIGN.md's example: promised arguments solid, the waited-for chapters dashed
    assertThat(normalised)
        .contains(
            "\"Media.embedSubtitle#1\" -> \"Media.encodeVideo#1\";",
            "\"Media.embedSubtitle#1\" -> \"Media.encodeVideo#2\";",
            "\"Media.findChapters#1\" -> \"Media.extractThumbnail#1\" [style=dashed];",
            "\"Media.findChapters#1\" -> \"Media.extractThumbnail#2\" [style=dashed];",
            "\"Media.findChapters#1\" -> \"Media.extractThumbnail#3\" [style=dashed];");

    Path binary = GraphCommand.findDot();
    if (binary != null) {
      Process p =
          new ProcessBuilder(binary.toString(), "-Tsvg", "-o", dir.resolve("g.svg").toString())
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(messages).isZero();
      assertThat(messages).isEmpty();
      assertThat(Files.readString(dir.resolve("g.svg"))).contains("<svg");
    }
  }

  static String normalise(String dot, String workflowId) {
    // Activity ids number calls in the order they were scheduled, which depends on which
    // activity finished first; within one type the order is the code's. So: TYPE#k.
    Map<String, String> names = new HashMap<>();
    Map<String, String> ids = new HashMap<>();
    Map<String, Integer> perType = new HashMap<>();
    for (String line : dot.split("\n")) {
      Matcher m = NODE.matcher(line);
      if (m.find()) {
        String id = m.group(2).substring(m.group(2).indexOf(':') + 1);
        String type = id.replaceAll("-\\d+(@\\d+)?$", "");
        String canonical = type + "#" + perType.merge(type, 1, Integer::sum);
        names.put(m.group(1), "\"" + canonical + "\"");
        ids.put(id, canonical);
      }
    }
    List<String> body = new ArrayList<>();
    String head = null;
    for (String line : dot.split("\n")) {
      String l =
          line.replace(workflowId, "WORKFLOW_ID")
              .replaceAll("\\d+(\\.\\d+)? (ms|s|min|h|d)\\b", "T")
              .replaceAll("after T( T)*", "after T");
      Matcher m = Pattern.compile("\\bn\\d+\\b").matcher(l);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(b, Matcher.quoteReplacement(names.getOrDefault(m.group(), m.group())));
      }
      m.appendTail(b);
      l = b.toString().replaceAll("T( T)+", "T");
      for (Map.Entry<String, String> id : ids.entrySet()) {
        l = l.replaceAll(Pattern.quote(id.getKey()) + "(?![\\d@])", id.getValue());
      }
      if (l.startsWith("digraph")
          || l.startsWith("  graph")
          || l.startsWith("  node")
          || l.startsWith("  edge")) {
        head = head == null ? l : head + "\n" + l;
      } else if (!l.equals("}") && !l.contains("style=invis") && !l.contains("rank=same")) {
        body.add(l);
      }
    }
    body.sort(null);
    return head + "\n" + String.join("\n", body) + "\n}\n";
  }
}
