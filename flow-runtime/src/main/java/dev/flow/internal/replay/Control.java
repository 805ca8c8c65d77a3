package dev.flow.internal.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

  /** Writes the records Flow issues most, streamed (thread-safe). */
  private static final JsonFactory JSON = new JsonFactory();

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
    return write(
        out -> {
          out.writeStringField("call", call);
          if (attempt > 1) {
            out.writeNumberField("attempt", attempt);
          }
          add(out, trace);
        });
  }

  /** A timer or marker of Flow's own: {@code {"flow":1,"purpose":...}}. */
  static String purpose(String purpose) {
    return write(out -> out.writeStringField("purpose", purpose));
  }

  /** The timer of {@code Workflow.await(timeout, ...)}. */
  static String awaitTimeout(Trace trace) {
    return write(
        out -> {
          out.writeStringField("purpose", "await-timeout");
          out.writeStringField("call", "Workflow.await");
          add(out, trace);
        });
  }

  /** The backoff before attempt {@code attempt} of the call {@code forOrigin} ({@code call}). */
  static String retry(String forOrigin, String call, int attempt) {
    return write(
        out -> {
          out.writeStringField("purpose", "retry");
          out.writeStringField("for", forOrigin);
          out.writeStringField("call", call);
          out.writeNumberField("attempt", attempt);
        });
  }

  /** A record of Flow's own that holds more (markers): {@code {"flow":1}}, to add to. */
  static ObjectNode start() {
    ObjectNode node = NODES.objectNode();
    node.put("flow", FORMAT);
    return node;
  }

  /** The fields a record holds after {@code "flow":1}. */
  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator out) throws IOException;
  }

  /**
   * {@code {"flow":1,<fields>}}, streamed: the text {@link ObjectNode#toString} gives for the same
   * tree ({@link #start} and puts), without building it.
   */
  private static String write(Fields fields) {
    StringWriter text = new StringWriter(96);
    try (JsonGenerator out = JSON.createGenerator(text)) {
      out.writeStartObject();
      out.writeNumberField("flow", FORMAT);
      fields.write(out);
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to a string", e);
    }
    return text.toString();
  }

  private static void add(JsonGenerator out, Trace trace) throws IOException {
    if (!trace.deps().isEmpty()) {
      writeArray(out, "deps", trace.deps());
    }
    if (!trace.after().isEmpty()) {
      writeArray(out, "after", trace.after());
      if (trace.afterMore() > 0) {
        out.writeNumberField("afterMore", trace.afterMore());
      }
    }
  }

  private static void writeArray(JsonGenerator out, String name, List<String> values)
      throws IOException {
    out.writeArrayFieldStart(name);
    for (int i = 0; i < values.size(); i++) {
      out.writeString(values.get(i));
    }
    out.writeEndArray();
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
