package dev.flow.internal.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DecisionType;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * The answer of a worker that cannot decide an execution (non-determinism, an exception of the
 * decider, a payload it cannot decode): instead of leaving the decision task to time out again and
 * again, it records why in the execution itself, where every SWF tool sees it, and comes back
 * later.
 *
 * <ul>
 *   <li>a marker {@value #MARKER} whose details are {@code
 *       {"flow":1,"purpose":"blocked","reason":...,"message":...,"where":...,"worker":...,"since":...}},
 *       unless the latest one says the same (the history stays short while the execution waits);
 *   <li>a timer {@code flow.blocked.retry-<eventId>} (control {@code
 *       {"flow":1,"purpose":"blocked-retry"}}), unless one is open: its firing brings the next
 *       decision task, which a fixed worker decides. The wait doubles from {@value
 *       #FIRST_RETRY_SECONDS} s at each blocked answer in a row, up to {@value #MAX_RETRY_SECONDS}
 *       s; any other event (a signal, an activity closing) brings a decision task sooner;
 *   <li>the answer's {@code executionContext} is {@value #CONTEXT}: an execution is blocked now
 *       when its latest {@code DecisionTaskCompleted} carries it (and so when {@code
 *       DescribeWorkflowExecution}'s {@code latestExecutionContext} is it: the first answer that
 *       decides again carries {@value #DECIDED}).
 * </ul>
 *
 * <p>Replay skips these markers and timers: they are not commands of the workflow code.
 */
public final class Blocked {
  /** The name of the marker that says why. */
  public static final String MARKER = "flow.blocked";

  /** The id prefix of the timer that brings the next attempt. */
  public static final String RETRY_TIMER = "flow.blocked.retry-";

  /** The {@code executionContext} of a blocked answer. */
  public static final String CONTEXT = "{\"flow\":1,\"purpose\":\"blocked\"}";

  /**
   * The {@code executionContext} of the first answer that decides again after blocked ones, so that
   * {@code DescribeWorkflowExecution}'s {@code latestExecutionContext} is blocked only while the
   * execution is.
   */
  public static final String DECIDED = "{\"flow\":1,\"purpose\":\"decided\"}";

  static final long FIRST_RETRY_SECONDS = 5;
  static final long MAX_RETRY_SECONDS = 300;

  /** At most this many characters of the message are recorded. */
  static final int MAX_MESSAGE = 4_000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private Blocked() {}

  /** Why the worker could not decide: the {@code reason} of the marker. */
  public static String reason(Throwable failure) {
    if (failure instanceof NonDeterminismException) {
      return "non-determinism";
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UndecodablePayloadException || t instanceof JsonProcessingException) {
        return "undecodable-payload";
      }
    }
    return "decider-exception";
  }

  /**
   * Where in the workflow code it happened: the innermost frame of {@code failure}'s stack, among
   * those the decider ran the workflow code in, that is neither Flow's, the JDK's nor generated
   * code; null when there is none (the code had returned or blocked).
   */
  public static String where(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      StackTraceElement[] stack = t.getStackTrace();
      int entry = codeEntry(stack);
      for (int i = 0; i < entry; i++) {
        if (isUserFrame(stack[i].getClassName())) {
          return stack[i].toString();
        }
      }
    }
    return null;
  }

  /** The index of the frame where the decider called the workflow code; 0 when none. */
  private static int codeEntry(StackTraceElement[] stack) {
    String execution = Execution.class.getName();
    for (int i = 0; i < stack.length; i++) {
      if (stack[i].getClassName().equals(execution)
          && (stack[i].getMethodName().equals("runWorkflow")
              || stack[i].getMethodName().equals("signal"))) {
        return i;
      }
    }
    return 0;
  }

  private static boolean isUserFrame(String className) {
    if (className.startsWith("java.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")) {
      return false;
    }
    for (String name : className.substring(className.lastIndexOf('.') + 1).split("\\$", -1)) {
      if (name.endsWith("Stub")
          || name.endsWith("Self")
          || name.endsWith("Definition")
          || name.endsWith("Dispatcher")) {
        return false; // generated
      }
    }
    return !isFlowRuntime(className);
  }

  /** Whether {@code className} comes from where Flow's runtime classes come from. */
  private static boolean isFlowRuntime(String className) {
    try {
      Class<?> type = Class.forName(className, false, Blocked.class.getClassLoader());
      var source = type.getProtectionDomain().getCodeSource();
      var flow = Blocked.class.getProtectionDomain().getCodeSource();
      return source != null && flow != null && source.getLocation().equals(flow.getLocation());
    } catch (ClassNotFoundException | LinkageError | SecurityException e) {
      return false; // loaded elsewhere: the application's
    }
  }

  /**
   * The decisions that answer the decision task started at event {@code startedEventId}, over
   * {@code history} (up to that event), that the worker {@code worker} could not decide because of
   * {@code failure}; send them with {@link #CONTEXT} as the execution context.
   */
  public static List<Decision> decisions(
      List<HistoryEvent> history, long startedEventId, Throwable failure, String worker) {
    HistoryEvent last = history.get(history.size() - 1);
    Instant now = last.eventTimestamp() != null ? last.eventTimestamp() : Instant.now();
    String reason = reason(failure);
    String message = String.valueOf(failure.getMessage());
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "...";
    }
    String where = where(failure);

    // read the history: blocked answers in a row at its end, the latest marker, open retry timers
    int streak = 0;
    JsonNode latest = null;
    Set<String> openTimers = new HashSet<>();
    for (HistoryEvent e : history) {
      EventType type = e.eventType();
      if (type == EventType.DECISION_TASK_COMPLETED) {
        if (CONTEXT.equals(e.decisionTaskCompletedEventAttributes().executionContext())) {
          streak++;
        } else {
          streak = 0;
          latest = null;
        }
      } else if (type == EventType.MARKER_RECORDED
          && MARKER.equals(e.markerRecordedEventAttributes().markerName())) {
        latest = parse(e.markerRecordedEventAttributes().details());
      } else if (type == EventType.TIMER_STARTED
          && e.timerStartedEventAttributes().timerId().startsWith(RETRY_TIMER)) {
        openTimers.add(e.timerStartedEventAttributes().timerId());
      } else if (type == EventType.TIMER_FIRED) {
        openTimers.remove(e.timerFiredEventAttributes().timerId());
      } else if (type == EventType.TIMER_CANCELED) {
        openTimers.remove(e.timerCanceledEventAttributes().timerId());
      }
    }
    List<Decision> decisions = new ArrayList<>(2);
    if (latest == null
        || !reason.equals(latest.path("reason").asText())
        || !String.valueOf(where).equals(latest.path("where").asText("null"))
        || !normalized(message).equals(normalized(latest.path("message").asText()))) {
      ObjectNode details = Control.start();
      details.put("purpose", "blocked");
      details.put("reason", reason);
      details.put("message", message);
      if (where != null) {
        details.put("where", where);
      }
      details.put("worker", worker);
      details.put("since", now.toString());
      decisions.add(
          Decision.builder()
              .decisionType(DecisionType.RECORD_MARKER)
              .recordMarkerDecisionAttributes(a -> a.markerName(MARKER).details(details.toString()))
              .build());
    }
    if (openTimers.isEmpty()) {
      long seconds = retrySeconds(streak);
      String timerId = RETRY_TIMER + startedEventId;
      decisions.add(
          Control.withControl(
              TimerCommand.startTimer(timerId, Long.toString(seconds)),
              Control.purpose("blocked-retry")));
    }
    return decisions;
  }

  /**
   * Whether the latest {@code DecisionTaskCompleted} among {@code events} (the whole history, or
   * the events from the previous decision task on) was a blocked answer.
   */
  public static boolean wasBlocked(List<HistoryEvent> events) {
    for (int i = events.size() - 1; i >= 0; i--) {
      HistoryEvent e = events.get(i);
      if (e.eventType() == EventType.DECISION_TASK_COMPLETED) {
        return CONTEXT.equals(e.decisionTaskCompletedEventAttributes().executionContext());
      }
    }
    return false;
  }

  /** The wait after {@code streak} blocked answers in a row. */
  static long retrySeconds(int streak) {
    long seconds = FIRST_RETRY_SECONDS << Math.min(streak, 20);
    return Math.min(seconds, MAX_RETRY_SECONDS);
  }

  /** The message without its numbers (event ids, steps), which change at every attempt. */
  private static String normalized(String message) {
    return message.replaceAll("[0-9]+", "#");
  }

  private static JsonNode parse(String details) {
    try {
      JsonNode node = details == null ? null : JSON.readTree(details);
      return node != null && node.isObject() ? node : JSON.createObjectNode();
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }
}
