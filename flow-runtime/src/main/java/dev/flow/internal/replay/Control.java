package dev.flow.internal.replay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import software.amazon.awssdk.services.swf.model.Decision;

/**
 * The {@code control} record Flow writes on the decisions it issues (format 1, see {@code
 * docs/history-format.md}): the readable name of the call, the calls whose results were passed to
 * it ({@code deps}) and those the code had observed before issuing it ({@code after}); or, for the
 * timers and markers Flow makes for itself, why they exist ({@code purpose}). Only tools read it:
 * replay never matches on it, so histories without it replay the same.
 */
final class Control {
  /** The format version, the {@code flow} key. */
  static final int FORMAT = 1;

  /** At most this many entries of {@code after}; {@code afterMore} counts the others. */
  static final int MAX_AFTER = 50;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Control() {}

  /**
   * What a call depended on when the code issued it, as {@code KIND:ID} strings: only what the
   * record holds, so that it costs the same whatever the code observed before (calls issued
   * together share one).
   *
   * @param deps the calls whose results were passed as promised arguments, in argument order
   * @param after the first (at most {@link #MAX_AFTER}) calls whose results the code had observed,
   *     not in {@code deps}, in the order observed
   * @param afterMore how many more such calls there were
   */
  record Trace(List<String> deps, List<String> after, int afterMore) {
    static final Trace NONE = new Trace(List.of(), List.of(), 0);

    Trace {
      if (after.size() > MAX_AFTER
          || afterMore < 0
          || (afterMore > 0 && after.size() < MAX_AFTER)) {
        throw new IllegalArgumentException(
            "after holds the first "
                + MAX_AFTER
                + " entries, afterMore the others: "
                + after.size()
                + " and "
                + afterMore);
      }
    }
  }

  /** {@code {"flow":1,"call":...,"attempt":n,"deps":[...],"after":[...]}}. */
  static String call(String call, Trace trace, int attempt) {
    ObjectNode node = start();
    node.put("call", call);
    if (attempt > 1) {
      node.put("attempt", attempt);
    }
    add(node, trace);
    return node.toString();
  }

  /** A timer or marker of Flow's own: {@code {"flow":1,"purpose":...}}. */
  static String purpose(String purpose) {
    ObjectNode node = start();
    node.put("purpose", purpose);
    return node.toString();
  }

  /** The timer of {@code Workflow.await(timeout, ...)}. */
  static String awaitTimeout(Trace trace) {
    ObjectNode node = start();
    node.put("purpose", "await-timeout");
    node.put("call", "Workflow.await");
    add(node, trace);
    return node.toString();
  }

  /** The backoff before attempt {@code attempt} of the call {@code forOrigin} ({@code call}). */
  static String retry(String forOrigin, String call, int attempt) {
    ObjectNode node = start();
    node.put("purpose", "retry");
    node.put("for", forOrigin);
    node.put("call", call);
    node.put("attempt", attempt);
    return node.toString();
  }

  static ObjectNode start() {
    ObjectNode node = NODES.objectNode();
    node.put("flow", FORMAT);
    return node;
  }

  private static void add(ObjectNode node, Trace trace) {
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

  /** {@code decision} with {@code control} set, for the decision types that carry one. */
  static Decision withControl(Decision decision, String control) {
    if (control == null) {
      return decision;
    }
    return switch (decision.decisionType()) {
      case SCHEDULE_ACTIVITY_TASK ->
          decision.toBuilder()
              .scheduleActivityTaskDecisionAttributes(
                  decision.scheduleActivityTaskDecisionAttributes().toBuilder()
                      .control(control)
                      .build())
              .build();
      case START_TIMER ->
          decision.toBuilder()
              .startTimerDecisionAttributes(
                  decision.startTimerDecisionAttributes().toBuilder().control(control).build())
              .build();
      case START_CHILD_WORKFLOW_EXECUTION ->
          decision.toBuilder()
              .startChildWorkflowExecutionDecisionAttributes(
                  decision.startChildWorkflowExecutionDecisionAttributes().toBuilder()
                      .control(control)
                      .build())
              .build();
      case SIGNAL_EXTERNAL_WORKFLOW_EXECUTION ->
          decision.toBuilder()
              .signalExternalWorkflowExecutionDecisionAttributes(
                  decision.signalExternalWorkflowExecutionDecisionAttributes().toBuilder()
                      .control(control)
                      .build())
              .build();
      case REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION ->
          decision.toBuilder()
              .requestCancelExternalWorkflowExecutionDecisionAttributes(
                  decision.requestCancelExternalWorkflowExecutionDecisionAttributes().toBuilder()
                      .control(control)
                      .build())
              .build();
      default -> decision;
    };
  }
}
