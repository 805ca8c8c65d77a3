package dev.flow.internal.client;

import dev.flow.FlowException;
import dev.flow.internal.Failures;
import dev.flow.internal.Retries;
import dev.flow.internal.SwfLimits;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;

/**
 * Answers to activity tasks left open by {@code ActivityContext.doNotCompleteOnReturn()}, by task
 * token, from any thread or process. Transient failures are retried with backoff, as workers do.
 * Public only for {@code FlowClient}.
 */
public final class ActivityCompletions {
  static final int ATTEMPTS = 6;
  static final long FIRST_BACKOFF_MILLIS = 100;
  static final long MAX_BACKOFF_MILLIS = 5_000;

  private ActivityCompletions() {}

  /** RespondActivityTaskCompleted; see {@code FlowClient.completeActivity}. */
  public static void complete(ClientContext client, String taskToken, Object result) {
    requireToken(taskToken);
    String data;
    try {
      data = client.converter().toData(result);
    } catch (RuntimeException e) {
      throw new FlowException("cannot encode the result of an activity: " + e.getMessage(), e);
    }
    if (data != null && data.length() > SwfLimits.MAX_DATA) {
      throw new FlowException(
          "the result of the activity is "
              + data.length()
              + " characters once encoded; SWF carries at most "
              + SwfLimits.MAX_DATA
              + ": pass a reference (a URL, a key) instead of the data, or store large payloads"
              + " in a blob store (FlowClient.builder().blobStore(...))");
    }
    answer(
        "complete",
        () -> client.swf().respondActivityTaskCompleted(r -> r.taskToken(taskToken).result(data)));
  }

  /** RespondActivityTaskFailed; see {@code FlowClient.failActivity}. */
  public static void fail(ClientContext client, String taskToken, Throwable failure) {
    requireToken(taskToken);
    Objects.requireNonNull(failure, "failure");
    String reason = Failures.reason(failure);
    String details = Failures.details(failure);
    answer(
        "fail",
        () ->
            client
                .swf()
                .respondActivityTaskFailed(
                    r -> r.taskToken(taskToken).reason(reason).details(details)));
  }

  /** RespondActivityTaskCanceled; see {@code FlowClient.reportActivityCanceled}. */
  public static void canceled(ClientContext client, String taskToken, Object details) {
    requireToken(taskToken);
    String data;
    try {
      data = details == null ? null : client.converter().toData(details);
    } catch (RuntimeException e) {
      throw new FlowException(
          "cannot encode the cancellation details of an activity: " + e.getMessage(), e);
    }
    if (data != null && data.length() > SwfLimits.MAX_DATA) {
      throw new FlowException(
          "the cancellation details are "
              + data.length()
              + " characters once encoded; SWF carries at most "
              + SwfLimits.MAX_DATA);
    }
    answer(
        "report the cancellation of",
        () -> client.swf().respondActivityTaskCanceled(r -> r.taskToken(taskToken).details(data)));
  }

  private static void requireToken(String taskToken) {
    if (taskToken == null || taskToken.isEmpty()) {
      throw new IllegalArgumentException(
          "a task token is required: ActivityContext.taskToken() of the activity that called"
              + " doNotCompleteOnReturn()");
    }
  }

  private static void answer(String doing, Supplier<?> call) {
    try {
      Retries.call(call, ATTEMPTS, FIRST_BACKOFF_MILLIS, MAX_BACKOFF_MILLIS);
    } catch (UnknownResourceException e) {
      throw new FlowException(
          "cannot "
              + doing
              + " the activity task: it is no longer open (already answered, timed out, or its"
              + " workflow closed), or the token is not one of this domain's ("
              + Faults.message(e)
              + ")",
          e);
    } catch (SdkException e) {
      throw Faults.wrap("cannot " + doing + " the activity task", e);
    }
  }
}
