package dev.flow.internal.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerBuilder;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.Decision;
import software.amazon.awssdk.services.swf.model.DescribeWorkflowExecutionResponse;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForActivityTaskResponse;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;
import software.amazon.awssdk.services.swf.model.WorkflowExecution;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionInfo;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionStartedEventAttributes;

/**
 * Flow's spans with the OpenTelemetry API; the only class of the runtime touching OpenTelemetry.
 * The API cannot choose span ids, so a run's span is started by the worker that takes the run's
 * first traced decision task and is recorded, as a W3C {@code traceparent}, where the other
 * processes find it: in the executionContext of every answer (see the package comment).
 */
final class OtelTracing implements Tracing {
  private static final Logger LOG = LoggerFactory.getLogger(OtelTracing.class);

  /** How many runs' span contexts a client or worker remembers, and how many run spans it holds. */
  static final int MAX_RUNS = 10_000;

  static final AttributeKey<String> WORKFLOW_ID = AttributeKey.stringKey("flow.workflowId");
  static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("flow.runId");
  static final AttributeKey<String> TASK_LIST = AttributeKey.stringKey("flow.taskList");
  static final AttributeKey<String> WORKFLOW_TYPE = AttributeKey.stringKey("flow.workflowType");
  static final AttributeKey<String> WORKFLOW_VERSION =
      AttributeKey.stringKey("flow.workflowVersion");
  static final AttributeKey<String> ACTIVITY_ID = AttributeKey.stringKey("flow.activityId");
  static final AttributeKey<String> ACTIVITY_TYPE = AttributeKey.stringKey("flow.activityType");
  static final AttributeKey<String> ACTIVITY_VERSION =
      AttributeKey.stringKey("flow.activityVersion");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("flow.attempt");
  static final AttributeKey<String> SIGNAL = AttributeKey.stringKey("flow.signal");
  static final AttributeKey<Long> STARTED_EVENT_ID =
      AttributeKey.longKey("flow.decisionTask.startedEventId");
  static final AttributeKey<Long> EVENTS = AttributeKey.longKey("flow.decisionTask.events");
  static final AttributeKey<String> CLOSE_STATUS = AttributeKey.stringKey("flow.closeStatus");
  static final AttributeKey<String> PARENT_WORKFLOW_ID =
      AttributeKey.stringKey("flow.parentWorkflowId");
  static final AttributeKey<String> PARENT_RUN_ID = AttributeKey.stringKey("flow.parentRunId");
  static final AttributeKey<String> CONTINUED_FROM =
      AttributeKey.stringKey("flow.continuedFromRunId");
  static final AttributeKey<Boolean> RUN_OPEN = AttributeKey.booleanKey("flow.run.open");
  static final AttributeKey<String> RELEASED_BECAUSE = AttributeKey.stringKey("reason");

  private static final TextMapGetter<String> TRACEPARENT =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
          return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
          return "traceparent".equals(key) ? carrier : null;
        }
      };

  private final Tracer tracer;

  /** The span contexts of runs, by run id; {@link SpanContext#getInvalid()}: none recorded. */
  private final Bounded<SpanContext> runs = new Bounded<>(MAX_RUNS, (runId, context) -> {});

  private OtelTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  static Tracing create(Object openTelemetry) {
    TracerBuilder builder = ((OpenTelemetry) openTelemetry).tracerBuilder("dev.flow");
    String version = OtelTracing.class.getPackage().getImplementationVersion();
    if (version != null) {
      builder.setInstrumentationVersion(version);
    }
    return new OtelTracing(builder.build());
  }

  @Override
  public Traced startWorkflow(
      String workflowType, String version, String workflowId, String taskList) {
    return new OtelTraced(
        tracer
            .spanBuilder("StartWorkflow:" + workflowType)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(WORKFLOW_TYPE, workflowType)
            .setAttribute(WORKFLOW_VERSION, version)
            .setAttribute(WORKFLOW_ID, workflowId)
            .setAttribute(TASK_LIST, taskList)
            .startSpan());
  }

  @Override
  public Traced signalWorkflow(
      SwfClient swf, String domain, String workflowType, WorkflowExecution run, String signal) {
    SpanBuilder builder =
        tracer
            .spanBuilder("SignalWorkflow:" + workflowType)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(WORKFLOW_TYPE, workflowType)
            .setAttribute(WORKFLOW_ID, run.workflowId())
            .setAttribute(RUN_ID, run.runId())
            .setAttribute(SIGNAL, signal);
    SpanContext runSpan = runContext(swf, domain, run, false);
    if (runSpan != null) {
      builder.addLink(runSpan);
    }
    return new OtelTraced(builder.startSpan());
  }

  @Override
  public WorkerTracing worker(SwfClient swf, String domain) {
    return new OtelWorkerTracing(swf, domain);
  }

  /**
   * The span context recorded for {@code run}: known here, else its {@code latestExecutionContext}
   * (one DescribeWorkflowExecution, remembered); null when none is recorded or SWF cannot say. With
   * {@code rememberNone}, a run that records none is not asked about again: an activity or a child
   * run exists once its run's deciders answered, so their answers had no trace to record (an
   * untraced decider); a signal may come before the first answer.
   */
  private SpanContext runContext(
      SwfClient swf, String domain, WorkflowExecution run, boolean rememberNone) {
    SpanContext known = runs.get(run.runId());
    if (known != null) {
      return known.isValid() ? known : null;
    }
    DescribeWorkflowExecutionResponse described = describe(swf, domain, run);
    if (described == null) {
      return null; // not remembered: asked again next time
    }
    SpanContext recorded = parse(TraceRecords.traceOf(described.latestExecutionContext()));
    if (recorded != null || rememberNone) {
      runs.put(run.runId(), recorded != null ? recorded : SpanContext.getInvalid());
    }
    return recorded;
  }

  private static DescribeWorkflowExecutionResponse describe(
      SwfClient swf, String domain, WorkflowExecution run) {
    try {
      return swf.describeWorkflowExecution(r -> r.domain(domain).execution(run));
    } catch (SdkException e) {
      LOG.debug(
          "cannot read the trace of workflow {} (run {}); its span has no parent: {}",
          run.workflowId(),
          run.runId(),
          e.toString());
      return null;
    }
  }

  /** The span context of a W3C {@code traceparent}, or null when it is null or not valid. */
  static SpanContext parse(String traceparent) {
    if (traceparent == null) {
      return null;
    }
    Context extracted =
        W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, TRACEPARENT);
    SpanContext context = Span.fromContext(extracted).getSpanContext();
    return context.isValid() ? context : null;
  }

  /** The W3C {@code traceparent} of {@code context}. */
  static String traceparent(SpanContext context) {
    Map<String, String> carrier = new HashMap<>(2);
    W3CTraceContextPropagator.getInstance()
        .inject(Context.root().with(Span.wrap(context)), carrier, Map::put);
    return carrier.get("traceparent");
  }

  private static Context parentOf(SpanContext context) {
    return Context.root().with(Span.wrap(context));
  }

  /** A span as {@link Traced}. */
  private static class OtelTraced implements Traced {
    final Span span;

    OtelTraced(Span span) {
      this.span = span;
    }

    @Override
    public String traceparent() {
      return OtelTracing.traceparent(span.getSpanContext());
    }

    @Override
    public void attribute(String key, String value) {
      span.setAttribute(key, value);
    }

    @Override
    public Scope makeCurrent() {
      // False positive: the scope is handed to the caller, who closes it (try-with-resources).
      @SuppressWarnings("MustBeClosedChecker")
      io.opentelemetry.context.Scope scope = span.makeCurrent();
      return scope::close;
    }

    @Override
    public void failed(Throwable failure) {
      span.setStatus(StatusCode.ERROR, String.valueOf(failure));
      span.recordException(failure);
    }

    @Override
    public void end() {
      span.end();
    }
  }

  /** One worker's spans, and the run spans it holds until their runs close. */
  private final class OtelWorkerTracing implements WorkerTracing {
    private final SwfClient swf;
    private final String domain;

    /** The run spans this worker started and has not ended, by run id. */
    private final Bounded<Span> held =
        new Bounded<>(
            MAX_RUNS,
            (runId, span) -> release(span, "the worker held more than " + MAX_RUNS + " run spans"));

    OtelWorkerTracing(SwfClient swf, String domain) {
      this.swf = swf;
      this.domain = domain;
    }

    @Override
    public DecisionTrace decisionTask(
        PollForDecisionTaskResponse task, List<HistoryEvent> events, String taskList) {
      WorkflowExecution run = task.workflowExecution();
      String type = task.workflowType().name();
      SpanContext runSpan = null;
      Span started = null;
      if (run != null) {
        runSpan = recorded(events);
        if (runSpan == null) {
          SpanContext known = runs.get(run.runId());
          runSpan = known != null && known.isValid() ? known : null;
        }
        boolean whole = !events.isEmpty() && events.get(0).eventId() == 1;
        DescribeWorkflowExecutionResponse described = null;
        if (runSpan == null && !whole) {
          described = describe(swf, domain, run);
          runSpan =
              described == null
                  ? null
                  : parse(TraceRecords.traceOf(described.latestExecutionContext()));
        }
        if (runSpan == null) {
          started = startRun(task, whole ? events.get(0) : null, described, taskList);
          runSpan = started.getSpanContext();
          held.put(run.runId(), started);
        }
        runs.put(run.runId(), runSpan);
      }
      SpanBuilder builder =
          tracer
              .spanBuilder("DecisionTask:" + type)
              .setSpanKind(SpanKind.INTERNAL)
              .setAttribute(WORKFLOW_TYPE, type)
              .setAttribute(WORKFLOW_VERSION, task.workflowType().version())
              .setAttribute(TASK_LIST, taskList)
              .setAttribute(EVENTS, (long) events.size());
      if (task.startedEventId() != null) {
        builder.setAttribute(STARTED_EVENT_ID, task.startedEventId());
      }
      if (run != null) {
        builder.setAttribute(WORKFLOW_ID, run.workflowId()).setAttribute(RUN_ID, run.runId());
      }
      if (runSpan != null) {
        builder.setParent(parentOf(runSpan));
      } else {
        builder.setNoParent();
      }
      return new OtelDecisionTrace(builder.startSpan(), run, runSpan, started);
    }

    /** The run span recorded by the latest traced answer among {@code events}, or null. */
    private SpanContext recorded(List<HistoryEvent> events) {
      for (int i = events.size() - 1; i >= 0; i--) {
        HistoryEvent e = events.get(i);
        if (e.eventType() == EventType.DECISION_TASK_COMPLETED) {
          SpanContext context =
              parse(
                  TraceRecords.traceOf(
                      e.decisionTaskCompletedEventAttributes().executionContext()));
          if (context != null) {
            return context;
          }
        }
      }
      return null;
    }

    /**
     * Starts the span of a run no traced answer recorded yet, from its start: a child of its parent
     * run's span (a child workflow), or of the span of the client call that started it (the {@link
     * Tracing#START_TAG} tag); a run continued as new starts a trace of its own, linked to the
     * previous run's span.
     */
    private Span startRun(
        PollForDecisionTaskResponse task,
        HistoryEvent first,
        DescribeWorkflowExecutionResponse described,
        String polledTaskList) {
      WorkflowExecution run = task.workflowExecution();
      WorkflowExecutionStartedEventAttributes start =
          first == null ? null : first.workflowExecutionStartedEventAttributes();
      WorkflowExecutionInfo info = described == null ? null : described.executionInfo();
      String type = task.workflowType().name();
      SpanBuilder builder =
          tracer
              .spanBuilder("RunWorkflow:" + type)
              .setSpanKind(SpanKind.SERVER)
              .setNoParent()
              .setAttribute(WORKFLOW_TYPE, type)
              .setAttribute(WORKFLOW_VERSION, task.workflowType().version())
              .setAttribute(WORKFLOW_ID, run.workflowId())
              .setAttribute(RUN_ID, run.runId())
              .setAttribute(
                  TASK_LIST,
                  start != null && start.taskList() != null
                      ? start.taskList().name()
                      : polledTaskList);
      Instant startTime =
          first != null ? first.eventTimestamp() : info != null ? info.startTimestamp() : null;
      if (startTime != null && startTime.isBefore(Instant.now())) {
        builder.setStartTimestamp(startTime); // (an engine clock ahead of ours: now, not later)
      }
      WorkflowExecution parent =
          start != null ? start.parentWorkflowExecution() : info != null ? info.parent() : null;
      if (parent != null) {
        builder
            .setAttribute(PARENT_WORKFLOW_ID, parent.workflowId())
            .setAttribute(PARENT_RUN_ID, parent.runId());
        SpanContext parentRun = runContext(swf, domain, parent, true);
        if (parentRun != null) {
          builder.setParent(parentOf(parentRun));
        }
      } else if (start != null && start.continuedExecutionRunId() != null) {
        builder.setAttribute(CONTINUED_FROM, start.continuedExecutionRunId());
        SpanContext previous =
            runContext(
                swf,
                domain,
                WorkflowExecution.builder()
                    .workflowId(run.workflowId())
                    .runId(start.continuedExecutionRunId())
                    .build(),
                true);
        if (previous != null) {
          builder.addLink(previous);
        }
      } else {
        List<String> tags =
            start != null && start.hasTagList()
                ? start.tagList()
                : info != null && info.hasTagList() ? info.tagList() : null;
        SpanContext client = parse(TraceRecords.traceOfTags(tags));
        if (client != null) {
          builder.setParent(parentOf(client));
        }
      }
      return builder.startSpan();
    }

    @Override
    public Traced activityTask(PollForActivityTaskResponse task, String taskList, int attempt) {
      WorkflowExecution run = task.workflowExecution();
      String type = task.activityType().name();
      SpanBuilder builder =
          tracer
              .spanBuilder("RunActivity:" + type)
              .setSpanKind(SpanKind.SERVER)
              .setNoParent()
              .setAttribute(ACTIVITY_TYPE, type)
              .setAttribute(ACTIVITY_VERSION, task.activityType().version())
              .setAttribute(ACTIVITY_ID, task.activityId())
              .setAttribute(ATTEMPT, (long) attempt)
              .setAttribute(TASK_LIST, taskList);
      if (run != null) {
        builder.setAttribute(WORKFLOW_ID, run.workflowId()).setAttribute(RUN_ID, run.runId());
        SpanContext runSpan = runContext(swf, domain, run, true);
        if (runSpan != null) {
          builder.setParent(parentOf(runSpan));
        }
      }
      return new OtelTraced(builder.startSpan());
    }

    @Override
    public void close() {
      for (Span span : held.clear()) {
        release(span, "the worker closed");
      }
    }

    /**
     * Ends a run span whose close this worker did not see (the run is open, or went on elsewhere).
     */
    private void release(Span span, String why) {
      span.setAttribute(RUN_OPEN, true);
      span.addEvent("flow.run.released", Attributes.of(RELEASED_BECAUSE, why));
      span.end();
    }

    /** The span of a live decision task, and the run span it started, if it did. */
    private final class OtelDecisionTrace extends OtelTraced implements DecisionTrace {
      private final WorkflowExecution run;
      private final SpanContext runSpan;
      private final Span started;
      private boolean answered;

      OtelDecisionTrace(Span span, WorkflowExecution run, SpanContext runSpan, Span started) {
        super(span);
        this.run = run;
        this.runSpan = runSpan;
        this.started = started;
      }

      @Override
      public String executionContext(String untraced) {
        return runSpan == null
            ? untraced
            : TraceRecords.withTrace(untraced, OtelTracing.traceparent(runSpan));
      }

      @Override
      public void answered(List<Decision> decisions) {
        answered = true;
        for (Decision d : decisions) {
          String status = closeStatus(d);
          if (status == null) {
            continue;
          }
          span.setAttribute(CLOSE_STATUS, status);
          Span held = run == null ? null : OtelWorkerTracing.this.held.remove(run.runId());
          if (held != null) {
            held.setAttribute(CLOSE_STATUS, status);
            if (d.failWorkflowExecutionDecisionAttributes() != null) {
              var a = d.failWorkflowExecutionDecisionAttributes();
              held.setStatus(StatusCode.ERROR, TraceRecords.failure(a.reason(), a.details()));
            }
            held.end();
          }
        }
      }

      @Override
      public void end() {
        if (!answered && started != null && held.remove(run.runId()) != null) {
          // nothing recorded it: the next decision task starts the run's span again
          started.setStatus(
              StatusCode.ERROR, "the run's first traced decision task was not answered");
          started.end();
          runs.remove(run.runId());
        }
        span.end();
      }
    }
  }

  /** The close status a decision gives its run ({@code COMPLETED}, ...), or null. */
  private static String closeStatus(Decision d) {
    return switch (d.decisionType()) {
      case COMPLETE_WORKFLOW_EXECUTION -> "COMPLETED";
      case FAIL_WORKFLOW_EXECUTION -> "FAILED";
      case CANCEL_WORKFLOW_EXECUTION -> "CANCELED";
      case CONTINUE_AS_NEW_WORKFLOW_EXECUTION -> "CONTINUED_AS_NEW";
      default -> null;
    };
  }

  /**
   * A synchronized map of at most {@code max} run ids, least recently used first out, handing what
   * falls out to {@code evicted}.
   */
  private static final class Bounded<V> {
    private final Map<String, V> map;

    Bounded(int max, BiConsumer<String, V> evicted) {
      this.map =
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
              if (size() <= max) {
                return false;
              }
              evicted.accept(eldest.getKey(), eldest.getValue());
              return true;
            }
          };
    }

    synchronized V get(String runId) {
      return map.get(runId);
    }

    synchronized void put(String runId, V value) {
      map.put(runId, value);
    }

    synchronized V remove(String runId) {
      return map.remove(runId);
    }

    synchronized List<V> clear() {
      List<V> values = new ArrayList<>(map.values());
      map.clear();
      return values;
    }
  }
}
