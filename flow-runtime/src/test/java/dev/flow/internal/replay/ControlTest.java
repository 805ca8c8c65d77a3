package dev.flow.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The control records, streamed, are the very text the tree of the same fields gives ({@code
 * ObjectNode.toString()}, as Control wrote them before): histories keep reading the same.
 */
class ControlTest {
  /** Names that JSON escapes, or that a writer might: quotes, controls, non-ASCII, separators. */
  static final List<String> NAMES =
      List.of(
          "Media.encode",
          "",
          "q\"uote\\back/slash",
          "tab\tnew\nline\r\u0001\u001f\u007f",
          "caf\u00e9 \u4e2d\u6587 \ud83d\ude00",
          "line\u2028para\u2029",
          "<script>&'");

  @Test
  void call_isTheTreesText() {
    for (String name : NAMES) {
      for (Control.Trace trace : traces(name)) {
        for (int attempt : new int[] {1, 2, 17}) {
          ObjectNode tree = Control.start();
          tree.put("call", name);
          if (attempt > 1) {
            tree.put("attempt", attempt);
          }
          add(tree, trace);
          assertThat(Control.call(name, trace, attempt)).isEqualTo(tree.toString());
        }
      }
    }
  }

  @Test
  void awaitTimeoutPurposeAndRetry_areTheTreesText() {
    for (String name : NAMES) {
      for (Control.Trace trace : traces(name)) {
        ObjectNode tree = Control.start();
        tree.put("purpose", "await-timeout");
        tree.put("call", "Workflow.await");
        add(tree, trace);
        assertThat(Control.awaitTimeout(trace)).isEqualTo(tree.toString());
      }
      assertThat(Control.purpose(name)).isEqualTo(Control.start().put("purpose", name).toString());
      ObjectNode retry = Control.start();
      retry.put("purpose", "retry");
      retry.put("for", "activity:" + name);
      retry.put("call", name);
      retry.put("attempt", 3);
      assertThat(Control.retry("activity:" + name, name, 3)).isEqualTo(retry.toString());
    }
  }

  @Test
  void call_writesTheDocumentedShape() {
    assertThat(
            Control.call(
                "Media.encode",
                new Control.Trace(List.of("activity:a-1"), List.of("timer:t"), 0),
                2))
        .isEqualTo(
            "{\"flow\":1,\"call\":\"Media.encode\",\"attempt\":2,\"deps\":[\"activity:a-1\"],"
                + "\"after\":[\"timer:t\"]}");
  }

  private static List<Control.Trace> traces(String name) {
    List<String> full = new ArrayList<>();
    for (int i = 0; i < Control.MAX_AFTER; i++) {
      full.add("activity:" + name + "-" + i);
    }
    return List.of(
        Control.Trace.NONE,
        new Control.Trace(List.of("activity:" + name), List.of(), 0),
        new Control.Trace(List.of(), List.of("timer:" + name, "signal:x"), 0),
        new Control.Trace(List.of("child:" + name, "activity:b"), List.of("timer:t"), 0),
        new Control.Trace(List.of("activity:d"), full, 12));
  }

  /** How Control added a trace to the tree. */
  private static void add(ObjectNode node, Control.Trace trace) {
    if (!trace.deps().isEmpty()) {
      ArrayNode deps = node.putArray("deps");
      trace.deps().forEach(deps::add);
    }
    if (!trace.after().isEmpty()) {
      ArrayNode after = node.putArray("after");
      trace.after().forEach(after::add);
      if (trace.afterMore() > 0) {
        node.put("afterMore", trace.afterMore());
      }
    }
  }
}
