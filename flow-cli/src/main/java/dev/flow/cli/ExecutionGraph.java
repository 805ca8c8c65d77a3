package dev.flow.cli;

import dev.flow.cli.ExecutionHistory.Call;
import dev.flow.cli.ExecutionHistory.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An execution as a graph, in Graphviz DOT: a node per call (an activity with its attempts folded
 * in, a child, a timer, a marker, a signal received or sent), coloured by outcome and labelled with
 * its name, id and duration; a solid edge for each data dependency (a promise passed as an
 * argument) and a dashed one for each wait (a result the code had seen when it issued the call),
 * both read from the {@code control} records of the history. A history without them (another SWF
 * program, an older Flow) gets its nodes in timeline order instead: the calls of one decision side
 * by side, decisions top to bottom.
 *
 * <pre>{@code
 * String dot = ExecutionGraph.of(ExecutionHistory.of(events)).toDot("ProcessVideo.process 1.0");
 * }</pre>
 */
public final class ExecutionGraph {
  /** A node: one call. */
  public record Node(String name, Call call, String label, String color, String shape) {}

  /** An edge; {@code dependency} true for a promised argument, false for a wait. */
  public record Edge(Node from, Node to, boolean dependency) {}

  private final ExecutionHistory history;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();

  private ExecutionGraph(ExecutionHistory history) {
    this.history = history;
  }

  /** The graph of {@code history} (every call that is not {@link Call#internal internal}). */
  public static ExecutionGraph of(ExecutionHistory history) {
    ExecutionGraph g = new ExecutionGraph(history);
    Map<Call, Node> byCall = new LinkedHashMap<>();
    Instant until = history.endTime();
    for (Call call : history.calls()) {
      if (call.internal()) {
        continue;
      }
      Node node =
          new Node(
              "n" + (byCall.size() + 1),
              call,
              label(call, until),
              color(call.outcome()),
              shape(call));
      byCall.put(call, node);
      g.nodes.add(node);
    }
    for (Node node : g.nodes) {
      for (Call dep : node.call().deps()) {
        Node from = byCall.get(dep);
        if (from != null) {
          g.edges.add(new Edge(from, node, true));
        }
      }
      for (Call dep : node.call().after()) {
        Node from = byCall.get(dep);
        if (from != null) {
          g.edges.add(new Edge(from, node, false));
        }
      }
    }
    return g;
  }

  public List<Node> nodes() {
    return List.copyOf(nodes);
  }

  public List<Edge> edges() {
    return List.copyOf(edges);
  }

  /** Whether the edges come from recorded dependencies (else the graph is in timeline order). */
  public boolean hasDependencies() {
    return history.hasControl();
  }

  private static String label(Call call, Instant until) {
    StringBuilder b = new StringBuilder();
    String id = call.id();
    switch (call.kind()) {
      case ACTIVITY, CHILD, TIMER -> {
        if (id.startsWith(call.label() + "-")) {
          b.append(id); // Flow's activity ids: the type and the call's number
        } else if (call.label().contains(id)) {
          b.append(call.label());
        } else {
          b.append(call.label()).append('\n').append(id);
        }
      }
      default -> b.append(call.label());
    }
    b.append('\n');
    if (call.kind() == ExecutionHistory.Kind.SIGNAL
        || call.kind() == ExecutionHistory.Kind.MARKER) {
      b.append(call.outcome() == Outcome.OPEN ? "open" : "recorded");
    } else {
      b.append(call.outcome().text()).append(" in ").append(Format.duration(call.duration(until)));
    }
    int attempts = call.attempts().size();
    if (attempts > 1) {
      b.append(", ").append(attempts).append(" attempts");
    }
    return b.toString();
  }

  private static String color(Outcome outcome) {
    return switch (outcome) {
      case COMPLETED -> "#c8e6c9";
      case FAILED -> "#ffcdd2";
      case TIMED_OUT -> "#ffe0b2";
      case CANCELED, TERMINATED -> "#e0e0e0";
      case OPEN -> "#bbdefb";
    };
  }

  private static String shape(Call call) {
    return switch (call.kind()) {
      case ACTIVITY -> "box";
      case CHILD -> "box3d";
      case TIMER -> "ellipse";
      case MARKER -> "note";
      case SIGNAL, SIGNAL_SENT, CANCEL_SENT -> "cds";
    };
  }

  /**
   * The graph in DOT, titled {@code title} (say the workflow type and execution); node names are
   * {@code n1, n2, ...} in order of issue, so the text is stable for the same history; each node's
   * {@code id} is its call's {@code KIND:ID} (the element id in SVG).
   */
  public String toDot(String title) {
    StringBuilder b = new StringBuilder();
    b.append("digraph execution {\n");
    b.append("  graph [label=")
        .append(quote(title))
        .append(", labelloc=t, rankdir=TB,")
        .append(" fontname=\"Helvetica\", fontsize=12];\n");
    b.append("  node [style=\"filled,rounded\", fontname=\"Helvetica\", fontsize=10];\n");
    b.append("  edge [color=\"#555555\"];\n");
    for (Node n : nodes) {
      b.append("  ")
          .append(n.name())
          .append(" [id=")
          .append(quote(n.call().key()))
          .append(", label=")
          .append(quote(n.label()))
          .append(", shape=")
          .append(n.shape())
          .append(", fillcolor=")
          .append(quote(n.color()))
          .append("];\n");
    }
    if (history.hasControl()) {
      for (Edge e : edges) {
        b.append("  ").append(e.from().name()).append(" -> ").append(e.to().name());
        if (!e.dependency()) {
          b.append(" [style=dashed]");
        }
        b.append(";\n");
      }
    } else {
      // No recorded dependencies: the calls of one decision on one rank, decisions in order.
      Map<Long, List<Node>> byDecision = new LinkedHashMap<>();
      for (Node n : nodes) {
        byDecision
            .computeIfAbsent(n.call().decisionTaskCompletedEventId(), d -> new ArrayList<>())
            .add(n);
      }
      Node previous = null;
      for (List<Node> rank : byDecision.values()) {
        if (rank.size() > 1) {
          b.append("  { rank=same;");
          rank.forEach(n -> b.append(' ').append(n.name()).append(';'));
          b.append(" }\n");
        }
        if (previous != null) {
          b.append("  ")
              .append(previous.name())
              .append(" -> ")
              .append(rank.get(0).name())
              .append(" [style=invis];\n");
        }
        previous = rank.get(0);
      }
    }
    b.append("}\n");
    return b.toString();
  }

  /** A DOT double-quoted string; line breaks become {@code \n}. */
  static String quote(String text) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> {}
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
