package dev.flow;

import dev.flow.internal.replay.InWorkflow;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * {@link Workflow#logger}: a logger that is disabled while workflow code replays, and otherwise
 * passes each call on to {@code delegate} with the execution's ids in the MDC.
 */
final class WorkflowLogger extends AbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient Logger delegate;

  WorkflowLogger(Logger delegate) {
    this.delegate = delegate;
    this.name = delegate.getName();
  }

  private static boolean live() {
    return !InWorkflow.isReplaying();
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return WorkflowLogger.class.getName();
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
    LoggingEventBuilder event = delegate.atLevel(level);
    if (marker != null) {
      event = event.addMarker(marker);
    }
    event = event.setMessage(pattern);
    if (arguments != null) {
      for (Object argument : arguments) {
        event = event.addArgument(argument);
      }
    }
    if (throwable != null) {
      event = event.setCause(throwable);
    }
    String[] ids = InWorkflow.ids();
    if (ids == null) {
      event.log();
      return;
    }
    String workflowId = MDC.get("flow.workflowId");
    String runId = MDC.get("flow.runId");
    MDC.put("flow.workflowId", ids[0]);
    MDC.put("flow.runId", ids[1]);
    try {
      event.log();
    } finally {
      restore("flow.workflowId", workflowId);
      restore("flow.runId", runId);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  @Override
  public boolean isTraceEnabled() {
    return live() && delegate.isTraceEnabled();
  }

  @Override
  public boolean isTraceEnabled(Marker marker) {
    return live() && delegate.isTraceEnabled(marker);
  }

  @Override
  public boolean isDebugEnabled() {
    return live() && delegate.isDebugEnabled();
  }

  @Override
  public boolean isDebugEnabled(Marker marker) {
    return live() && delegate.isDebugEnabled(marker);
  }

  @Override
  public boolean isInfoEnabled() {
    return live() && delegate.isInfoEnabled();
  }

  @Override
  public boolean isInfoEnabled(Marker marker) {
    return live() && delegate.isInfoEnabled(marker);
  }

  @Override
  public boolean isWarnEnabled() {
    return live() && delegate.isWarnEnabled();
  }

  @Override
  public boolean isWarnEnabled(Marker marker) {
    return live() && delegate.isWarnEnabled(marker);
  }

  @Override
  public boolean isErrorEnabled() {
    return live() && delegate.isErrorEnabled();
  }

  @Override
  public boolean isErrorEnabled(Marker marker) {
    return live() && delegate.isErrorEnabled(marker);
  }
}
