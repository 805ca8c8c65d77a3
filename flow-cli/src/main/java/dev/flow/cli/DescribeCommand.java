package dev.flow.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flow.cli.ExecutionHistory.Attempt;
import dev.flow.cli.ExecutionHistory.Blocked;
import dev.flow.cli.ExecutionHistory.Call;
import dev.flow.cli.ExecutionHistory.DecisionTask;
import dev.flow.cli.ExecutionHistory.Kind;
import dev.flow.cli.ExecutionHistory.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/** {@code flow describe ID}: one execution at a glance. */
@Command(
    name = "describe",
    description =
        "An execution's status, type, times, parent and children, open activities, timers and"
            + " children, its decision task, its result or failure, and whether its decider is"
            + " blocked and why.")
final class DescribeCommand extends CliCommand {
  @Mixin ExecutionId id;

  @Option(
      names = "--json",
      description =
          "print {workflowId, runId, type, version, status, startTime, closeTime, tags, parent,"
              + " taskList, input, result, failure, blocked, decisionTask, openActivities,"
              + " openTimers, children, calls}")
  boolean json;

  @Override
  int run() {
    try (Engine engine = engine()) {
      WorkflowExecution execution = id.find(engine);
      DescribeWorkflowExecutionResponse d =
          engine
              .swf()
              .describeWorkflowExecution(b -> b.domain(engine.domain()).execution(execution));
      ExecutionHistory h = Executions.decoded(engine, execution);
      ObjectNode o = describe(d, h);
      if (json) {
        printJson(o);
      } else {
        print(o, h);
      }
      return 0;
    }
  }

  static ObjectNode json(Blocked b) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("reason", b.reason());
    o.put("message", b.message());
    o.put("where", b.where());
    o.put("worker", b.worker());
    o.put("since", b.since());
    o.put("eventId", b.eventId());
    return o;
  }

  static ObjectNode describe(DescribeWorkflowExecutionResponse d, ExecutionHistory h) {
    Blocked blocked = h.blocked();
    ObjectNode o = ListCommand.json(d.executionInfo(), blocked);
    o.put("taskList", d.executionConfiguration().taskList().name());
    var started = h.startedEvent().workflowExecutionStartedEventAttributes();
    o.put("input", started.input());
    HistoryEvent close = h.closeEvent();
    o.putNull("result");
    o.putNull("failure");
    if (close != null) {
      switch (close.eventType()) {
        case WORKFLOW_EXECUTION_COMPLETED ->
            o.put("result", close.workflowExecutionCompletedEventAttributes().result());
        case WORKFLOW_EXECUTION_FAILED ->
            o.putObject("failure")
                .put("reason", close.workflowExecutionFailedEventAttributes().reason())
                .put("details", close.workflowExecutionFailedEventAttributes().details());
        case WORKFLOW_EXECUTION_TIMED_OUT ->
            o.putObject("failure")
                .put(
                    "reason",
                    "timed out: "
                        + close.workflowExecutionTimedOutEventAttributes().timeoutTypeAsString())
                .putNull("details");
        case WORKFLOW_EXECUTION_TERMINATED ->
            o.putObject("failure")
                .put(
                    "reason",
                    "terminated: "
                        + nonNull(
                            close.workflowExecutionTerminatedEventAttributes().reason(),
                            close.workflowExecutionTerminatedEventAttributes().causeAsString()))
                .put("details", close.workflowExecutionTerminatedEventAttributes().details());
        case WORKFLOW_EXECUTION_CANCELED ->
            o.putObject("failure")
                .put("reason", "canceled")
                .put("details", close.workflowExecutionCanceledEventAttributes().details());
        default -> {}
      }
    }
    o.putNull("decisionTask");
    List<DecisionTask> tasks = h.decisionTasks();
    if (!tasks.isEmpty() && tasks.get(tasks.size() - 1).outcome() == Outcome.OPEN) {
      DecisionTask t = tasks.get(tasks.size() - 1);
      ObjectNode dt = o.putObject("decisionTask");
      dt.put("scheduledTime", Format.iso(t.scheduled()));
      dt.put("startedTime", Format.iso(t.started()));
      dt.put("worker", t.worker());
    }
    long timedOut = tasks.stream().filter(t -> t.outcome() == Outcome.TIMED_OUT).count();
    o.put("decisionTasksTimedOut", timedOut);
    ArrayNode activities = o.putArray("openActivities");
    ArrayNode timers = o.putArray("openTimers");
    ArrayNode children = o.putArray("children");
    int calls = 0;
    for (Call c : h.calls()) {
      if (!c.internal()) {
        calls++;
      }
      Attempt last = c.last();
      if (c.kind() == Kind.ACTIVITY && last.outcome() == Outcome.OPEN) {
        ObjectNode a = activities.addObject();
        a.put("activityId", last.id());
        a.put("type", c.type());
        a.put("attempt", c.attempts().size());
        a.put("scheduledTime", Format.iso(last.scheduled()));
        a.put("startedTime", Format.iso(last.started()));
        a.put("worker", last.worker());
      } else if (c.kind() == Kind.TIMER && last.outcome() == Outcome.OPEN) {
        ObjectNode t = timers.addObject();
        t.put("timerId", c.id());
        t.put("label", c.label());
        t.put("startedTime", Format.iso(last.scheduled()));
        t.put("startToFireTimeout", last.input());
      } else if (c.kind() == Kind.CHILD) {
        ObjectNode ch = children.addObject();
        ch.put("workflowId", last.id());
        ch.put("runId", last.worker());
        ch.put("type", c.type());
        ch.put("status", last.outcome().name());
      }
    }
    o.put("calls", calls);
    return o;
  }

  private static String nonNull(String a, String b) {
    return a != null ? a : b;
  }

  private void print(ObjectNode o, ExecutionHistory h) {
    Instant now = Instant.now();
    var p = out();
    p.println("workflow id   " + o.path("workflowId").asText());
    p.println("run id        " + o.path("runId").asText());
    p.println("type          " + o.path("type").asText() + " " + o.path("version").asText());
    String status = o.path("status").asText();
    if (h.blocked() != null) {
      status += ", decider BLOCKED";
    }
    p.println("status        " + status);
    p.println("started       " + Format.time(h.startTime()) + " UTC");
    if (h.isClosed()) {
      p.println(
          "closed        "
              + Format.time(h.endTime())
              + " UTC, after "
              + Format.duration(Duration.between(h.startTime(), h.endTime())));
    } else {
      p.println("running for   " + Format.duration(Duration.between(h.startTime(), now)));
    }
    p.println("task list     " + o.path("taskList").asText());
    if (!o.path("tags").isEmpty()) {
      List<String> tags = new ArrayList<>();
      o.path("tags").forEach(t -> tags.add(t.asText()));
      p.println("tags          " + String.join(", ", tags));
    }
    if (o.path("parent").isObject()) {
      p.println(
          "parent        "
              + o.path("parent").path("workflowId").asText()
              + " (run "
              + o.path("parent").path("runId").asText()
              + ")");
    }
    p.println("input         " + Format.excerpt(o.path("input").asText(""), 100));
    p.println("calls         " + o.path("calls").asInt() + " (" + h.events().size() + " events)");
    if (o.path("result").isTextual()) {
      p.println("result        " + Format.excerpt(o.path("result").asText(), 100));
    }
    if (o.path("failure").isObject()) {
      p.println("failure       " + Format.excerpt(o.path("failure").path("reason").asText(), 100));
      String details = o.path("failure").path("details").asText(null);
      if (details != null) {
        p.println("              " + Format.excerpt(details, 100));
      }
    }
    Blocked b = h.blocked();
    if (b != null) {
      p.println(
          "decider       BLOCKED ("
              + b.reason()
              + ") since "
              + (b.since() == null ? "event " + b.eventId() : b.since()));
      p.println("              " + Format.excerpt(b.message(), 200));
      if (b.where() != null) {
        p.println("              at " + b.where());
      }
      if (b.worker() != null) {
        p.println("              on worker " + b.worker());
      }
      p.println(
          "              deploy the fixed code: the next decision takes the execution up"
              + " again (`flow replay "
              + o.path("workflowId").asText()
              + " --classpath APP.jar`"
              + " checks it first)");
    } else if (o.path("decisionTask").isObject()) {
      ObjectNode dt = (ObjectNode) o.path("decisionTask");
      p.println(
          "decision task "
              + (dt.path("startedTime").isTextual()
                  ? "started "
                      + dt.path("startedTime").asText()
                      + " by "
                      + dt.path("worker").asText()
                  : "scheduled " + dt.path("scheduledTime").asText() + ", not taken yet"));
    }
    if (o.path("decisionTasksTimedOut").asLong() > 0) {
      p.println(
          "              "
              + o.path("decisionTasksTimedOut").asLong()
              + " decision task(s) timed out");
    }
    if (!o.path("openActivities").isEmpty()) {
      p.println();
      Table t = new Table("OPEN ACTIVITY", "TYPE", "ATTEMPT", "STATE", "WORKER");
      o.path("openActivities")
          .forEach(
              a ->
                  t.row(
                      a.path("activityId").asText(),
                      a.path("type").asText(),
                      a.path("attempt").asInt(),
                      a.path("startedTime").isTextual()
                          ? "running "
                              + Format.duration(
                                  Duration.between(
                                      Instant.parse(a.path("startedTime").asText()), now))
                          : "scheduled "
                              + Format.duration(
                                  Duration.between(
                                      Instant.parse(a.path("scheduledTime").asText()), now))
                              + " ago",
                      a.path("worker").asText("-")));
      t.print(p);
    }
    if (!o.path("openTimers").isEmpty()) {
      p.println();
      Table t = new Table("OPEN TIMER", "WHAT", "STARTED (UTC)");
      o.path("openTimers")
          .forEach(
              a ->
                  t.row(
                      a.path("timerId").asText(),
                      a.path("label").asText(),
                      Format.time(Instant.parse(a.path("startedTime").asText()))));
      t.print(p);
    }
    if (!o.path("children").isEmpty()) {
      p.println();
      Table t = new Table("CHILD", "TYPE", "STATUS");
      o.path("children")
          .forEach(
              a ->
                  t.row(
                      a.path("workflowId").asText(),
                      a.path("type").asText(),
                      a.path("status").asText().toLowerCase(java.util.Locale.ROOT)));
      t.print(p);
    }
  }
}
