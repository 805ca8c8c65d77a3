package dev.flow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flow.history.SwfJson;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/** {@code flow history ID}: the events of an execution. */
@Command(
    name = "history",
    description = {
      "The events of an execution: a table with each event's call by name and an excerpt of its"
          + " payload; --json prints exactly what `aws swf get-workflow-execution-history`"
          + " prints, which WorkflowReplayer and `flow replay --history` read."
    })
final class HistoryCommand extends CliCommand {
  /** How the AWS CLI (v2) prints timestamps. */
  static final DateTimeFormatter AWS_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  private static final List<String> EXCERPT_KEYS =
      List.of(
          "signalName",
          "markerName",
          "timerId",
          "startToFireTimeout",
          "timeoutType",
          "cause",
          "reason",
          "identity",
          "input",
          "result",
          "details");

  @Mixin ExecutionId id;

  @Option(
      names = "--json",
      description =
          "print {\"events\": [...]} as `aws swf get-workflow-execution-history` does (with"
              + " --follow: one event per line)")
  boolean json;

  @Option(names = "--follow", description = "keep printing new events until the execution closes")
  boolean follow;

  @Option(
      names = "--width",
      paramLabel = "N",
      defaultValue = "80",
      description = "characters of payload shown per event [default ${DEFAULT-VALUE}]")
  int width;

  @Override
  int run() throws Exception {
    try (Engine engine = engine()) {
      WorkflowExecution execution = id.find(engine);
      List<HistoryEvent> events = Executions.history(engine, execution);
      if (json && !follow) {
        printJson(awsJson(events));
        return 0;
      }
      Table header = null;
      int printed = 0;
      while (true) {
        ExecutionHistory h = ExecutionHistory.of(events);
        if (json) {
          for (HistoryEvent e : events.subList(printed, events.size())) {
            out()
                .println(
                    JSON.writer()
                        .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(awsEvent(e)));
          }
        } else {
          Table t = table(h, printed);
          if (header == null) {
            header = t;
            t.print(out());
          } else {
            t.printRows(out(), header);
          }
        }
        out().flush();
        printed = events.size();
        if (!follow || h.isClosed()) {
          return 0;
        }
        Thread.sleep(500);
        events = Executions.history(engine, execution);
      }
    }
  }

  /** The table of the events from {@code from} on. */
  Table table(ExecutionHistory h, int from) {
    Table t = new Table("ID", "TIME", "EVENT", "CALL", "DETAILS");
    Instant start = h.startTime();
    for (HistoryEvent e : h.events().subList(from, h.events().size())) {
      ExecutionHistory.Call call = h.callOf(e.eventId());
      t.row(
          e.eventId(),
          "+" + Format.duration(Duration.between(start, e.eventTimestamp())),
          e.eventTypeAsString(),
          call == null ? "" : call.label(),
          excerpt(e, width));
    }
    return t;
  }

  /** The interesting attributes of an event on one line. */
  static String excerpt(HistoryEvent e, int width) {
    ObjectNode json = SwfJson.write(e);
    JsonNode attributes = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getKey().endsWith("EventAttributes")) {
        attributes = f.getValue();
      }
    }
    if (attributes == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (String key : EXCERPT_KEYS) {
      JsonNode v = attributes.get(key);
      if (v != null && !v.isNull()) {
        parts.add(key + "=" + (v.isTextual() ? v.asText() : v.toString()));
      }
    }
    JsonNode type =
        attributes.has("activityType")
            ? attributes.get("activityType")
            : attributes.get("workflowType");
    if (type != null
        && e.eventTypeAsString().endsWith("Started") == false
        && parts.stream().noneMatch(p -> p.startsWith("input"))) {
      parts.add(0, "type=" + type.path("name").asText() + " " + type.path("version").asText());
    }
    return Format.excerpt(String.join(" ", parts), width);
  }

  /** {@code {"events": [...]}} with timestamps as the AWS CLI prints them. */
  static ObjectNode awsJson(List<HistoryEvent> events) {
    ObjectNode root = SwfJson.writeHistory(events);
    ArrayNode array = (ArrayNode) root.get("events");
    for (int i = 0; i < array.size(); i++) {
      array.set(i, awsEvent(events.get(i)));
    }
    return root;
  }

  static ObjectNode awsEvent(HistoryEvent e) {
    ObjectNode o = SwfJson.write(e);
    // The AWS CLI prints eventType, eventTimestamp and eventId first, timestamps in ISO-8601.
    ObjectNode ordered = JSON.createObjectNode();
    ordered.put("eventTimestamp", AWS_TIME.format(e.eventTimestamp()));
    ordered.put("eventType", e.eventTypeAsString());
    ordered.put("eventId", e.eventId());
    o.fields()
        .forEachRemaining(
            f -> {
              if (!ordered.has(f.getKey())) {
                ordered.set(f.getKey(), f.getValue());
              }
            });
    return ordered;
  }
}
