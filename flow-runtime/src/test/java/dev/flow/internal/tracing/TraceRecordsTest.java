package dev.flow.internal.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a run's trace is recorded: the executionContext's "trace" key and the start's tag. */
class TraceRecordsTest {
  static final String TP = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void withTrace_addsTheKeyToFlowsContext_orMakesOne() {
    assertThat(TraceRecords.withTrace(null, TP)).isEqualTo("{\"flow\":1,\"trace\":\"" + TP + "\"}");
    assertThat(TraceRecords.withTrace("{\"flow\":1,\"purpose\":\"decided\"}", TP))
        .isEqualTo("{\"flow\":1,\"purpose\":\"decided\",\"trace\":\"" + TP + "\"}");
  }

  @Test
  void withTrace_leavesAContextThatIsNoJsonObjectAsItIs() {
    assertThat(TraceRecords.withTrace("state 7", TP)).isEqualTo("state 7");
    assertThat(TraceRecords.withTrace("[1]", TP)).isEqualTo("[1]");
  }

  @Test
  void traceOf_readsFlowsContextsOnly() {
    assertThat(TraceRecords.traceOf(TraceRecords.withTrace(null, TP))).isEqualTo(TP);
    assertThat(TraceRecords.traceOf("{\"flow\":1,\"purpose\":\"blocked\"}")).isNull();
    assertThat(TraceRecords.traceOf("{\"trace\":\"" + TP + "\"}")).isNull(); // not Flow's
    assertThat(TraceRecords.traceOf("{\"flow\":1,\"trace\":7}")).isNull();
    assertThat(TraceRecords.traceOf("\"trace\" but no JSON")).isNull();
    assertThat(TraceRecords.traceOf(null)).isNull();
  }

  @Test
  void traceOfTags_findsTheStartTag() {
    assertThat(TraceRecords.traceOfTags(List.of("order", "flow.trace=" + TP))).isEqualTo(TP);
    assertThat(TraceRecords.traceOfTags(List.of("order"))).isNull();
    assertThat(TraceRecords.traceOfTags(null)).isNull();
  }

  @Test
  void failure_isTheReasonAndTheMessageOfFlowsDetails() {
    assertThat(
            TraceRecords.failure(
                "java.lang.IllegalStateException",
                "{\"type\":\"java.lang.IllegalStateException\",\"message\":\"no stock\"}"))
        .isEqualTo("java.lang.IllegalStateException: no stock");
    assertThat(TraceRecords.failure("Timeout", "not json")).isEqualTo("Timeout");
    assertThat(TraceRecords.failure(null, null)).isEqualTo("null");
  }
}
