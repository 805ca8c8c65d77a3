package dev.flow.cli;

import dev.flow.cli.ExecutionGraph.Edge;
import dev.flow.cli.ExecutionGraph.Node;
import dev.flow.cli.ExecutionHistory.Attempt;
import dev.flow.cli.ExecutionHistory.Call;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The web view's pictures of an execution, drawn as SVG by a layout of our own (no Graphviz): its
 * dependency graph in layers, and its timeline of calls and attempts.
 */
final class Drawings {
  private Drawings() {}

  static final int NODE_W = 190;
  static final int NODE_H = 46;
  static final int GAP_X = 24;
  static final int GAP_Y = 50;

  /**
   * The graph, top to bottom: a node's layer is one below the deepest of the nodes it depends on or
   * waited for (nodes without such edges stay in the first layer), nodes of a layer side by side in
   * order of issue; dependency edges solid, waits dashed.
   */
  static void graph(Html h, ExecutionGraph graph) {
    List<Node> nodes = graph.nodes();
    Map<Node, Integer> layer = new HashMap<>();
    if (graph.edges().isEmpty()) {
      // no recorded dependencies: a layer per decision, the calls it issued side by side
      Map<Long, Integer> decisions = new HashMap<>();
      for (Node n : nodes) {
        long decision = n.call().decisionTaskCompletedEventId();
        layer.put(n, decisions.computeIfAbsent(decision, k -> decisions.size()));
      }
    }
    for (Node n : nodes) { // nodes come in order of issue: every edge goes to a later node
      if (layer.containsKey(n)) {
        continue;
      }
      int l = 0;
      for (Edge e : graph.edges()) {
        if (e.to().equals(n) && layer.containsKey(e.from())) {
          l = Math.max(l, layer.get(e.from()) + 1);
        }
      }
      layer.put(n, l);
    }
    Map<Integer, List<Node>> rows = new HashMap<>();
    int layers = 0;
    int widest = 1;
    for (Node n : nodes) {
      List<Node> row = rows.computeIfAbsent(layer.get(n), k -> new ArrayList<>());
      row.add(n);
      layers = Math.max(layers, layer.get(n) + 1);
      widest = Math.max(widest, row.size());
    }
    Map<Node, int[]> at = new HashMap<>();
    int width = widest * (NODE_W + GAP_X) + GAP_X;
    for (var row : rows.entrySet()) {
      List<Node> ns = row.getValue();
      int offset = (width - ns.size() * (NODE_W + GAP_X) + GAP_X) / 2;
      for (int i = 0; i < ns.size(); i++) {
        at.put(
            ns.get(i),
            new int[] {offset + i * (NODE_W + GAP_X), 20 + row.getKey() * (NODE_H + GAP_Y)});
      }
    }
    int height = 40 + layers * (NODE_H + GAP_Y);
    h.raw("<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"")
        .attr("width", width)
        .attr("height", height)
        .attr("viewBox", "0 0 " + width + " " + height)
        .raw(
            "><defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
                + " markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                + "<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/></marker></defs>");
    for (Edge e : graph.edges()) {
      int[] a = at.get(e.from());
      int[] b = at.get(e.to());
      h.raw("<line class=\"edge\"")
          .attr("x1", a[0] + NODE_W / 2)
          .attr("y1", a[1] + NODE_H)
          .attr("x2", b[0] + NODE_W / 2)
          .attr("y2", b[1])
          .attr("stroke", "#555")
          .attr("stroke-width", "1.2")
          .raw(e.dependency() ? "" : " stroke-dasharray=\"5 4\"")
          .raw(" marker-end=\"url(#arrow)\"/>");
    }
    for (Node n : nodes) {
      int[] p = at.get(n);
      String[] lines = n.label().split("\n", -1);
      h.raw("<g class=\"node\"")
          .attr("id", n.call().key())
          .attr("data-outcome", n.call().outcome().text())
          .raw("><title>")
          .text(n.label())
          .raw("</title><rect")
          .attr("x", p[0])
          .attr("y", p[1])
          .attr("width", NODE_W)
          .attr("height", NODE_H)
          .attr("rx", n.call().kind() == ExecutionHistory.Kind.TIMER ? 20 : 5)
          .attr("fill", n.color())
          .attr("stroke", "#444")
          .raw("/>");
      for (int i = 0; i < Math.min(2, lines.length); i++) {
        h.raw("<text")
            .attr("x", p[0] + NODE_W / 2)
            .attr("y", p[1] + 19 + i * 16)
            .attr("text-anchor", "middle")
            .attr("font-size", i == 0 ? 12 : 11)
            .raw(">")
            .text(Format.excerpt(lines[i], 30))
            .raw("</text>");
      }
      h.raw("</g>");
    }
    h.raw("</svg>");
  }

  /**
   * The timeline: a row per call, from the execution's start to its end (or now); each attempt a
   * bar, pale while it waited for a worker, coloured by outcome once started.
   */
  static void timeline(Html h, ExecutionHistory history, Instant now) {
    Instant start = history.startTime();
    Instant end = history.endTime() != null ? history.endTime() : now;
    long total = Math.max(1, Duration.between(start, end).toMillis());
    List<Call> calls = history.calls().stream().filter(c -> !c.internal()).toList();
    int labelW = 230;
    int plotW = 640;
    int rowH = 22;
    int height = 30 + calls.size() * rowH;
    int width = labelW + plotW + 20;
    h.raw("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"")
        .attr("width", width)
        .attr("height", height)
        .attr("viewBox", "0 0 " + width + " " + height)
        .raw(">");
    h.raw("<text x=\"" + labelW + "\" y=\"14\" font-size=\"11\">0</text>");
    h.raw("<text")
        .attr("x", labelW + plotW)
        .raw(" y=\"14\" font-size=\"11\" text-anchor=\"end\">")
        .text(Format.duration(Duration.ofMillis(total)))
        .raw("</text>");
    for (int i = 0; i < calls.size(); i++) {
      Call c = calls.get(i);
      int y = 24 + i * rowH;
      h.raw("<g class=\"row\"")
          .attr("id", "t-" + c.key())
          .raw("><text")
          .attr("x", 4)
          .attr("y", y + 13)
          .attr("font-size", 11)
          .raw(">")
          .text(
              Format.excerpt(c.id().startsWith(c.label()) ? c.id() : c.label() + " " + c.id(), 38))
          .raw("</text>");
      for (Attempt a : c.attempts()) {
        double x0 = x(start, a.scheduled(), total, plotW) + labelW;
        Instant startedAt = a.started() != null ? a.started() : a.scheduled();
        Instant closedAt = a.closed() != null ? a.closed() : end;
        double x1 = x(start, startedAt, total, plotW) + labelW;
        double x2 = x(start, closedAt, total, plotW) + labelW;
        h.raw("<rect")
            .attr("x", fmt(x0))
            .attr("y", y + 3)
            .attr("width", fmt(Math.max(1, x1 - x0)))
            .attr("height", 12)
            .attr("fill", "#e3e3e3")
            .raw("/><rect class=\"attempt\"")
            .attr("x", fmt(x1))
            .attr("y", y + 3)
            .attr("width", fmt(Math.max(2, x2 - x1)))
            .attr("height", 12)
            .attr("fill", color(a))
            .attr("stroke", "#666")
            .raw("><title>")
            .text(
                a.id()
                    + ": "
                    + a.outcome().text()
                    + (a.startToClose() == null ? "" : ", ran " + Format.duration(a.startToClose()))
                    + (a.scheduleToStart() == null
                        ? ""
                        : ", waited " + Format.duration(a.scheduleToStart())))
            .raw("</title></rect>");
      }
      h.raw("</g>");
    }
    h.raw("</svg>");
  }

  private static double x(Instant start, Instant t, long total, int plotW) {
    return Math.max(
        0, Math.min(plotW, Duration.between(start, t).toMillis() * (double) plotW / total));
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.1f", v);
  }

  private static String color(Attempt a) {
    return switch (a.outcome()) {
      case COMPLETED -> "#81c784";
      case FAILED -> "#e57373";
      case TIMED_OUT -> "#ffb74d";
      case CANCELED, TERMINATED -> "#bdbdbd";
      case OPEN -> "#64b5f6";
    };
  }
}
