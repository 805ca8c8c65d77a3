package dev.flow;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.swf.model.HistoryEvent;

/**
 * A client's handle on one workflow execution (one run). Generated clients wrap it in a typed
 * handle with a method per signal; {@code untyped()} on those returns this.
 *
 * <pre>{@code
 * WorkflowHandle<VideoResult> h = ProcessVideoWorkflowClient.create(flow).start(url, subs).untyped();
 * h.signal("addChapter", "intro");
 * VideoResult r = h.result(Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>Signals, cancellation and termination go to this run ({@link #runId()}); {@link #result()}
 * follows the run's continue-as-new chain to its last run. Every method may be called from any
 * thread, any number of times.
 *
 * @param <R> the type of the workflow's result
 */
public interface WorkflowHandle<R> {
  String workflowId();

  /** The run this handle targets; never null. */
  String runId();

  /**
   * Waits for the execution to close and returns its result, decoded with the client's converter
   * ({@code null} for a {@code void} workflow). Polls the engine with a backoff from 10 ms to 1 s.
   *
   * @throws WorkflowFailedException when it failed, timed out, was canceled or terminated (of the
   *     last run when it continued as new); {@link WorkflowFailedException#closeStatus()} says
   *     which
   * @throws FlowException when the execution is unknown, or the waiting thread is interrupted (its
   *     interrupt flag is set again)
   */
  R result();

  /**
   * As {@link #result()}, waiting at most {@code timeout} (zero: look once).
   *
   * @throws WorkflowFailedException when it closed unsuccessfully
   * @throws FlowException when it is still open after {@code timeout}
   */
  R result(Duration timeout);

  /**
   * Sends signal {@code name} with {@code arguments}, encoded with the client's converter.
   *
   * @throws IllegalArgumentException when the workflow type declares no such signal
   * @throws FlowException when the run is closed or unknown
   */
  void signal(String name, Object... arguments);

  /**
   * Asks the execution to cancel itself; it sees a cancellation at its next blocking point.
   *
   * @throws FlowException when the run is closed or unknown
   */
  void cancel();

  /**
   * Ends the execution at once, recording {@code reason} (may be null; cut to 256 characters).
   *
   * @throws FlowException when the run is closed or unknown
   */
  void terminate(String reason);

  /**
   * Every event of this run's history so far, oldest first (all pages read): to look at what
   * happened, or to save it with {@link Histories#save} and replay it in a test.
   *
   * @throws FlowException when the engine cannot be reached or knows no such run
   */
  List<HistoryEvent> history();

  /**
   * Resumes this run, which must be closed and not completed (failed, timed out, terminated or
   * canceled): starts a new run with the same workflow id, type, input, task list, timeouts and
   * tags, in which every activity call that completed in this run resolves at once with its
   * recorded result instead of running again (see {@link StartOptions.Builder#resumeFrom}).
   *
   * <pre>{@code
   * WorkflowHandle<String> again = failed.untyped().resume();
   * String result = again.result();   // only the calls that had not completed run
   * }</pre>
   *
   * @return a handle on the new run
   * @throws FlowException when this run is open, completed or continued as new, or unknown
   */
  WorkflowHandle<R> resume();
}
