package dev.flow.internal.worker;

import dev.flow.DataConverter;
import dev.flow.internal.Retries;
import dev.flow.internal.tracing.WorkerTracing;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * What every task handler of a worker uses besides the task: the SWF client, the domain and the
 * identity it polls and answers as, the data converter, what it counts and traces, and the backoff
 * of its retried calls and failed polls. Public only for {@code dev.flow.Worker}, which builds it.
 *
 * @param firstRetry the first delay before retrying a failed poll or call; doubled up to {@code
 *     maxRetry}
 * @param metrics what the worker counts ({@link WorkerMetrics#NONE}: nothing)
 * @param tracing the spans of the worker's tasks ({@link WorkerTracing#NONE}: none)
 */
public record TaskServices(
    SwfClient swf,
    String domain,
    String identity,
    DataConverter converter,
    Duration firstRetry,
    Duration maxRetry,
    WorkerMetrics metrics,
    WorkerTracing tracing) {
  /**
   * How many times a worker makes an SWF call other than a poll (answers, history reads) when it
   * fails transiently ({@link Retries#isTransient}), backing off as polls do.
   */
  static final int CALL_ATTEMPTS = 6;

  public TaskServices {
    Objects.requireNonNull(swf, "swf");
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(converter, "converter");
    Objects.requireNonNull(firstRetry, "firstRetry");
    Objects.requireNonNull(maxRetry, "maxRetry");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(tracing, "tracing");
  }

  /**
   * Makes an SWF call other than a poll, retrying it up to {@value #CALL_ATTEMPTS} times in all
   * while it fails transiently (throttling, 5xx, network), each throttling counted.
   */
  <T> T call(Supplier<T> call) {
    return Retries.call(
        call, CALL_ATTEMPTS, firstRetry.toMillis(), maxRetry.toMillis(), metrics::throttled);
  }
}
