package dev.flow.internal.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flow.internal.SwfLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionStartedEventAttributes;

/**
 * Resuming a closed run: a new run, started with the tag {@value #TAG}{@code <runId>} (or {@code
 * <runId>|<workflowId>} when the stopped run had another workflow id), in which every activity call
 * that completed in the stopped run resolves at once with its recorded result.
 *
 * <p>The new run's first decision tasks record the reusable results in its own history, before the
 * code runs: one marker {@value #MARKER} per result (at most 99 per task, then a zero-second timer
 * brings the next task), details {@code {"flow":1,"purpose":"resume","for":"activity:<id in the
 * stopped run>","call":...,"key":...,"nth":n,"of":total,"from":"<runId>","result":...}}. Replay
 * reads them from the new history alone: the n-th call of an activity with the same type, version
 * and input ({@code key}) resolves with that result, and issues no command. Results too long to
 * record with their wrapping are not reused (the activity runs again).
 */
public final class Resume {
  /** The tag of a resumed run, followed by the stopped run's id. */
  public static final String TAG = "flow.resume=";

  /** The name of the markers that carry the reused results. */
  public static final String MARKER = "flow.resumed";

  static final int MARKERS_PER_TASK = 99;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Resume() {}

  /**
   * The tag that makes a run started in {@code workflowId} resume {@code from}.
   *
   * @throws IllegalArgumentException when it would exceed SWF's 256 characters
   */
  public static String tag(WorkflowExecution from, String workflowId) {
    String tag =
        TAG + from.runId() + (from.workflowId().equals(workflowId) ? "" : "|" + from.workflowId());
    if (tag.length() > 256) {
      throw new IllegalArgumentException(
          "cannot resume workflow "
              + from.workflowId()
              + " under another workflow id: the tag naming it would be "
              + tag.length()
              + " characters, SWF allows 256; resume it under its own workflow id");
    }
    return tag;
  }

  /** The run {@code started} (of workflow {@code workflowId}) resumes; null when none. */
  public static WorkflowExecution source(
      WorkflowExecutionStartedEventAttributes started, String workflowId) {
    if (started == null || !started.hasTagList()) {
      return null;
    }
    for (String tag : started.tagList()) {
      if (tag.startsWith(TAG)) {
        String rest = tag.substring(TAG.length());
        int bar = rest.indexOf('|');
        String runId = bar < 0 ? rest : rest.substring(0, bar);
        String id = bar < 0 ? workflowId : rest.substring(bar + 1);
        return WorkflowExecution.builder().workflowId(id).runId(runId).build();
      }
    }
    return null;
  }

  /**
   * The decisions that record the next reusable results of the run resumed by the run of {@code
   * history} (its whole history, up to the task's {@code DecisionTaskStarted}), reading the stopped
   * run's history with {@code read}; null when there is nothing to record (not a resumed run, or
   * every result is recorded): decide as usual then.
   */
  public static List<Decision> pending(
      List<HistoryEvent> history,
      WorkflowExecution execution,
      Function<WorkflowExecution, List<HistoryEvent>> read) {
    if (history.isEmpty() || history.get(0).eventType() != EventType.WORKFLOW_EXECUTION_STARTED) {
      return null;
    }
    WorkflowExecution from =
        source(
            history.get(0).workflowExecutionStartedEventAttributes(),
            execution == null ? null : execution.workflowId());
    if (from == null || from.workflowId() == null) {
      return null;
    }
    int recorded = 0;
    int total = -1;
    boolean decided = false;
    for (HistoryEvent e : history) {
      if (e.eventType() == EventType.DECISION_TASK_COMPLETED
          && !Blocked.CONTEXT.equals(e.decisionTaskCompletedEventAttributes().executionContext())) {
        decided = true;
      } else if (e.eventType() == EventType.MARKER_RECORDED
          && MARKER.equals(e.markerRecordedEventAttributes().markerName())) {
        recorded++;
        if (total < 0) {
          total = parse(e.markerRecordedEventAttributes().details()).path("of").asInt(0);
        }
      }
    }
    if (recorded == 0 && decided) {
      return null; // the first task found nothing to reuse, and the code runs
    }
    if (recorded > 0 && recorded >= total) {
      return null;
    }
    List<String> entries = entries(read.apply(from), from.runId());
    if (recorded >= entries.size()) {
      return null;
    }
    long startedEventId = history.get(history.size() - 1).eventId();
    List<Decision> decisions = new ArrayList<>(MARKERS_PER_TASK + 1);
    int end = Math.min(entries.size(), recorded + MARKERS_PER_TASK);
    for (int i = recorded; i < end; i++) {
      ObjectNode details = (ObjectNode) parse(entries.get(i));
      details.put("of", entries.size());
      String text = details.toString();
      decisions.add(
          Decision.builder()
              .decisionType(DecisionType.RECORD_MARKER)
              .recordMarkerDecisionAttributes(a -> a.markerName(MARKER).details(text))
              .build());
    }
    // its firing brings the next task: more results, or the code's first run over all of them
    decisions.add(
        Control.withControl(
            TimerCommand.startTimer(Commands.SPLIT_TIMER + startedEventId, "0"),
            Control.purpose("resume")));
    return decisions;
  }

  /**
   * The reusable results of the run of {@code events}, as marker details without {@code of}: its
   * own reused results, and the results of its completed activity calls, each with its position
   * among the calls of the same key.
   */
  static List<String> entries(List<HistoryEvent> events, String runId) {
    List<ObjectNode> entries = new ArrayList<>();
    Map<String, Set<Integer>> taken = new HashMap<>();
    for (HistoryEvent e : events) {
      if (e.eventType() == EventType.MARKER_RECORDED
          && MARKER.equals(e.markerRecordedEventAttributes().markerName())) {
        ObjectNode carried = (ObjectNode) parse(e.markerRecordedEventAttributes().details());
        carried.remove("of");
        entries.add(carried);
        taken
            .computeIfAbsent(carried.path("key").asText(), k -> new HashSet<>())
            .add(carried.path("nth").asInt());
      }
    }
    // the calls scheduled, in order (attempts fold into their first id), and their results
    Map<String, ObjectNode> calls = new LinkedHashMap<>();
    Map<Long, String> byScheduledEvent = new HashMap<>();
    Map<String, Integer> nth = new HashMap<>();
    for (HistoryEvent e : events) {
      if (e.eventType() == EventType.ACTIVITY_TASK_SCHEDULED) {
        var a = e.activityTaskScheduledEventAttributes();
        String base = a.activityId().replaceFirst("@[0-9]+$", "");
        byScheduledEvent.put(e.eventId(), base);
        if (!calls.containsKey(base)) {
          String key =
              Commands.idempotentId(a.activityType().name(), a.activityType().version(), a.input());
          ObjectNode call = Control.start();
          call.put("purpose", "resume");
          call.put("for", "activity:" + base);
          call.put("call", a.activityType().name());
          call.put("key", key);
          int n;
          if (base.contains("#")) {
            n = 1; // an @Idempotent activity: the same call, however often the code makes it
          } else {
            Set<Integer> used = taken.getOrDefault(key, Set.of());
            n = nth.getOrDefault(key, 0) + 1;
            while (used.contains(n)) {
              n++;
            }
            nth.put(key, n);
          }
          call.put("nth", n);
          call.put("from", runId);
          calls.put(base, call);
        }
      } else if (e.eventType() == EventType.ACTIVITY_TASK_COMPLETED) {
        var a = e.activityTaskCompletedEventAttributes();
        String base = byScheduledEvent.get(a.scheduledEventId());
        ObjectNode call = base == null ? null : calls.get(base);
        if (call != null) {
          call.put("result", a.result());
          if (call.toString().length() + 16 <= SwfLimits.MAX_DATA) {
            entries.add(call);
          }
        }
      }
    }
    List<String> out = new ArrayList<>(entries.size());
    for (ObjectNode entry : entries) {
      out.add(entry.toString());
    }
    return out;
  }

  /** A reused result: what {@code for} names, and the result as recorded. */
  record Entry(String origin, String result) {}

  /** The reused results recorded in {@code history}, by key, then by position; empty when none. */
  static Map<String, Map<Integer, Entry>> table(History history) {
    if (source(history.started, null) == null) {
      return Map.of();
    }
    Map<String, Map<Integer, Entry>> table = new HashMap<>();
    for (int i = 0; i < history.size(); i++) {
      if (history.type(i) == EventType.MARKER_RECORDED) {
        var a = history.event(i).markerRecordedEventAttributes();
        if (MARKER.equals(a.markerName())) {
          JsonNode node = parse(a.details());
          JsonNode result = node.get("result");
          table
              .computeIfAbsent(node.path("key").asText(), k -> new HashMap<>())
              .put(
                  node.path("nth").asInt(),
                  new Entry(
                      node.path("for").asText(),
                      result == null || result.isNull() ? null : result.asText()));
        }
      }
    }
    return table;
  }

  private static JsonNode parse(String details) {
    try {
      JsonNode node = details == null ? null : JSON.readTree(details);
      return node != null && node.isObject() ? node : JSON.createObjectNode();
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
