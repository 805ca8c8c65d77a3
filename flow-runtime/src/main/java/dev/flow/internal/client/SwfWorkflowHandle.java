package dev.flow.internal.client;

import dev.flow.FlowException;
import dev.flow.WorkflowFailedException;
import dev.flow.WorkflowHandle;
import dev.flow.internal.SwfLimits;
import dev.flow.internal.tracing.Traced;
import dev.flow.spi.SignalSpec;
import dev.flow.spi.WorkflowSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.swf.model.GetWorkflowExecutionHistoryResponse;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;

/**
 * A handle on one run. {@link #result} polls the last event of the history (reverse order, one
 * event per page) with a backoff from 10 ms to 1 s until it is a close event, and follows
 * continue-as-new to the last run.
 */
final class SwfWorkflowHandle<R> implements WorkflowHandle<R> {
  static final long FIRST_BACKOFF_MILLIS = 10;
  static final long MAX_BACKOFF_MILLIS = 1_000;

  private final ClientContext client;
  private final WorkflowSpec spec;
  private final String workflowId;
  private final String runId;

  /** The close event of the last run, once seen; a closed run never changes. */
  private volatile Closed closed;

  private record Closed(String runId, HistoryEvent event) {}

  SwfWorkflowHandle(ClientContext client, WorkflowSpec spec, String workflowId, String runId) {
    this.client = client;
    this.spec = spec;
    this.workflowId = workflowId;
    this.runId = runId;
  }

  @Override
  public String workflowId() {
    return workflowId;
  }

  @Override
  public String runId() {
    return runId;
  }

  @Override
  public WorkflowHandle<R> resume() {
    return Executions.resume(client, spec, workflowId, runId, null);
  }

  @Override
  public R result() {
    return outcome(await(Long.MAX_VALUE, null));
  }

  @Override
  public R result(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    long now = System.nanoTime();
    long deadline =
        timeout.isNegative() ? now : now + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
    return outcome(await(deadline, timeout));
  }

  private Closed await(long deadlineNanos, Duration timeout) {
    Closed known = closed;
    if (known != null) {
      return known;
    }
    String run = runId;
    long backoff = FIRST_BACKOFF_MILLIS;
    SdkException transientFailure = null;
    while (true) {
      HistoryEvent last = null;
      try {
        last = lastEvent(run);
        transientFailure = null;
      } catch (SdkException e) {
        if (!isTransient(e)) {
          throw Faults.wrap(
              "cannot read the history of workflow " + workflowId + " (run " + run + ")", e);
        }
        transientFailure = e; // the engine is unreachable or busy: keep waiting
      }
      if (last != null) {
        switch (last.eventType()) {
          case WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> {
            run = last.workflowExecutionContinuedAsNewEventAttributes().newExecutionRunId();
            backoff = FIRST_BACKOFF_MILLIS;
            continue;
          }
          case WORKFLOW_EXECUTION_COMPLETED,
              WORKFLOW_EXECUTION_FAILED,
              WORKFLOW_EXECUTION_TIMED_OUT,
              WORKFLOW_EXECUTION_CANCELED,
              WORKFLOW_EXECUTION_TERMINATED -> {
            known = new Closed(run, last);
            closed = known;
            return known;
          }
          default -> {}
        }
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        if (transientFailure != null) {
          throw Faults.wrap(
              "cannot read the history of workflow "
                  + workflowId
                  + " (run "
                  + run
                  + ") within "
                  + timeout,
              transientFailure);
        }
        throw new FlowException(
            "workflow " + workflowId + " (run " + run + ") is still open after " + timeout);
      }
      try {
        Thread.sleep(Math.max(1, Math.min(backoff, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FlowException(
            "interrupted while waiting for workflow " + workflowId + " (run " + run + ")", e);
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
    }
  }

  private HistoryEvent lastEvent(String run) {
    List<HistoryEvent> events;
    try {
      events =
          client
              .swf()
              .getWorkflowExecutionHistory(
                  r ->
                      r.domain(client.domain())
                          .execution(execution(run))
                          .reverseOrder(true)
                          .maximumPageSize(1))
              .events();
    } catch (UnknownResourceException e) {
      throw new FlowException(
          "no workflow execution "
              + workflowId
              + " (run "
              + run
              + ") in domain '"
              + client.domain()
              + "': "
              + Faults.message(e),
          e);
    }
    return events.isEmpty() ? null : events.get(0);
  }

  @Override
  public List<HistoryEvent> history() {
    List<HistoryEvent> events = new ArrayList<>();
    String token = null;
    do {
      String page = token;
      GetWorkflowExecutionHistoryResponse response;
      try {
        response =
            client
                .swf()
                .getWorkflowExecutionHistory(
                    r ->
                        r.domain(client.domain())
                            .execution(execution(runId))
                            .maximumPageSize(1000)
                            .nextPageToken(page));
      } catch (SdkException e) {
        throw Faults.wrap(
            "cannot read the history of workflow " + workflowId + " (run " + runId + ")", e);
      }
      events.addAll(response.events());
      token = response.nextPageToken();
    } while (token != null && !token.isEmpty());
    return events;
  }

  /**
   * What a run's timeout means: the limit that ran out (read from its start event) and how to give
   * a longer one.
   */
  private String timeoutExplanation(String run, String timeoutType) {
    if (!"START_TO_CLOSE".equals(timeoutType)) {
      return null;
    }
    String limit = null;
    try {
      List<HistoryEvent> first =
          client
              .swf()
              .getWorkflowExecutionHistory(
                  r -> r.domain(client.domain()).execution(execution(run)).maximumPageSize(1))
              .events();
      if (!first.isEmpty() && first.get(0).workflowExecutionStartedEventAttributes() != null) {
        limit =
            first.get(0).workflowExecutionStartedEventAttributes().executionStartToCloseTimeout();
      }
    } catch (SdkException e) {
      // the limit is then not named; the advice still holds
    }
    return "it was still open when its executionStartToCloseTimeout"
        + (limit == null ? "" : " of " + limit + " s" + readable(limit))
        + " ran out; give it a longer one with @Workflow(executionStartToCloseTimeoutSeconds = ...)"
        + " or StartOptions.executionStartToCloseTimeout (SWF allows up to a year)";
  }

  private static String readable(String seconds) {
    try {
      long s = Long.parseLong(seconds);
      if (s >= 86_400 && s % 86_400 == 0) {
        return " (" + s / 86_400 + " d)";
      }
      if (s >= 3_600 && s % 3_600 == 0) {
        return " (" + s / 3_600 + " h)";
      }
      return s >= 60 && s % 60 == 0 ? " (" + s / 60 + " min)" : "";
    } catch (NumberFormatException e) {
      return "";
    }
  }

  /** A network failure, throttling or a server error, which waiting may outlast. */
  static boolean isTransient(SdkException e) {
    if (e instanceof AwsServiceException s) {
      return s.isThrottlingException() || s.statusCode() >= 500;
    }
    return e instanceof SdkClientException && !(e instanceof AbortedException);
  }

  @SuppressWarnings("unchecked")
  private R outcome(Closed closed) {
    HistoryEvent e = closed.event();
    String run = closed.runId();
    return switch (e.eventType()) {
      case WORKFLOW_EXECUTION_COMPLETED -> {
        String result = e.workflowExecutionCompletedEventAttributes().result();
        try {
          yield (R) client.converter().fromData(result, spec.resultType());
        } catch (RuntimeException x) {
          throw new FlowException(
              "workflow "
                  + workflowId
                  + " (run "
                  + run
                  + ") completed, but its result cannot"
                  + " be decoded as "
                  + spec.resultType().getTypeName()
                  + ": "
                  + x.getMessage(),
              x);
        }
      }
      case WORKFLOW_EXECUTION_FAILED -> {
        var a = e.workflowExecutionFailedEventAttributes();
        throw new WorkflowFailedException(workflowId, run, "FAILED", a.reason(), a.details());
      }
      case WORKFLOW_EXECUTION_TIMED_OUT -> {
        var a = e.workflowExecutionTimedOutEventAttributes();
        throw new WorkflowFailedException(
            workflowId,
            run,
            "TIMED_OUT",
            a.timeoutTypeAsString(),
            null,
            timeoutExplanation(run, a.timeoutTypeAsString()));
      }
      case WORKFLOW_EXECUTION_CANCELED -> {
        var a = e.workflowExecutionCanceledEventAttributes();
        throw new WorkflowFailedException(workflowId, run, "CANCELED", null, a.details());
      }
      case WORKFLOW_EXECUTION_TERMINATED -> {
        var a = e.workflowExecutionTerminatedEventAttributes();
        String reason = a.reason() != null ? a.reason() : a.causeAsString();
        throw new WorkflowFailedException(workflowId, run, "TERMINATED", reason, a.details());
      }
      default -> throw new AssertionError(e.eventType());
    };
  }

  @Override
  public void signal(String name, Object... arguments) {
    Optional<SignalSpec> signal = spec.signal(name);
    if (signal.isEmpty()) {
      throw new IllegalArgumentException(
          "workflow "
              + spec.name()
              + " declares no signal '"
              + name
              + "'; it declares "
              + spec.signals().stream().map(SignalSpec::name).collect(Collectors.toList()));
    }
    String input = client.converter().toArguments(arguments == null ? new Object[0] : arguments);
    if (input.length() > SwfLimits.MAX_DATA) {
      throw new FlowException(
          "the input of signal "
              + name
              + " is "
              + input.length()
              + " characters once encoded; SWF carries at most "
              + SwfLimits.MAX_DATA
              + ": pass a reference instead of the data, or store large payloads in a blob store"
              + " (FlowClient.builder().blobStore(...))");
    }
    Traced span =
        client
            .tracing()
            .signalWorkflow(client.swf(), client.domain(), spec.name(), execution(runId), name);
    try (Traced.Scope scope = span.makeCurrent()) {
      client
          .swf()
          .signalWorkflowExecution(
              r ->
                  r.domain(client.domain())
                      .workflowId(workflowId)
                      .runId(runId)
                      .signalName(name)
                      .input(input));
    } catch (UnknownResourceException e) {
      FlowException failure = closedOrUnknown("signal " + name, e);
      span.failed(failure);
      throw failure;
    } catch (SdkException e) {
      FlowException failure =
          Faults.wrap("cannot signal " + name + " to workflow " + workflowId, e);
      span.failed(failure);
      throw failure;
    } finally {
      span.end();
    }
  }

  @Override
  public void cancel() {
    try {
      client
          .swf()
          .requestCancelWorkflowExecution(
              r -> r.domain(client.domain()).workflowId(workflowId).runId(runId));
    } catch (UnknownResourceException e) {
      throw closedOrUnknown("cancel", e);
    } catch (SdkException e) {
      throw Faults.wrap("cannot cancel workflow " + workflowId, e);
    }
  }

  @Override
  public void terminate(String reason) {
    try {
      client
          .swf()
          .terminateWorkflowExecution(
              r ->
                  r.domain(client.domain())
                      .workflowId(workflowId)
                      .runId(runId)
                      .reason(cut(reason)));
    } catch (UnknownResourceException e) {
      throw closedOrUnknown("terminate", e);
    } catch (SdkException e) {
      throw Faults.wrap("cannot terminate workflow " + workflowId, e);
    }
  }

  private FlowException closedOrUnknown(String doing, UnknownResourceException e) {
    return new FlowException(
        "cannot "
            + doing
            + " workflow "
            + workflowId
            + " (run "
            + runId
            + "): it is closed or"
            + " unknown in domain '"
            + client.domain()
            + "' ("
            + Faults.message(e)
            + ")",
        e);
  }

  private static String cut(String reason) {
    return reason == null || reason.length() <= 256 ? reason : reason.substring(0, 256);
  }

  private WorkflowExecution execution(String run) {
    return WorkflowExecution.builder().workflowId(workflowId).runId(run).build();
  }

  @Override
  public String toString() {
    return "WorkflowHandle{"
        + spec.name()
        + ", workflowId="
        + workflowId
        + ", runId="
        + runId
        + "}";
  }
}
