/**
 * Flow's user API: what workflow code calls ({@link dev.flow.Workflow}, {@link dev.flow.Promise},
 * {@link dev.flow.Promises}, {@link dev.flow.Settable}), what starts and watches executions ({@link
 * dev.flow.FlowClient}, {@link dev.flow.WorkflowHandle}), what hosts the code ({@link
 * dev.flow.Worker}, {@link dev.flow.ActivityContext}), the options of calls and runs, payload
 * encoding ({@link dev.flow.DataConverter}, {@link dev.flow.BlobStore}) and the failure types. The
 * code the annotation processor generates (typed stubs, clients, dispatchers) is the usual way in;
 * it calls this package and {@link dev.flow.spi}, which is for generated code only. Histories as
 * JSON are in {@link dev.flow.history}.
 *
 * <h2>Failures and exceptions: one rule for the names</h2>
 *
 * <ul>
 *   <li><b>{@code ...Failure}: what workflow code catches.</b> A call the code made failed, as of
 *       the history: {@link dev.flow.ActivityFailure} (and its {@link
 *       dev.flow.ActivityTimeoutFailure}), {@link dev.flow.ChildWorkflowFailure}, {@link
 *       dev.flow.CanceledFailure}. {@code Promise.get()} and the waits of {@link dev.flow.Workflow}
 *       throw them; they are recorded by the history, so they replay. Workflow code may throw a
 *       {@code CanceledFailure} itself, to close its execution as canceled. A command SWF refused
 *       (a signal to an execution that does not exist, a timer id in use) fails its promise with a
 *       plain {@link dev.flow.FlowException} naming SWF's cause.
 *   <li><b>{@code ...Exception}: what code outside workflows catches.</b> A client learns that an
 *       execution closed without a result from {@link dev.flow.WorkflowFailedException} ({@link
 *       dev.flow.WorkflowHandle#result()}); activity code learns that its workflow canceled it from
 *       {@link dev.flow.ActivityCanceledException} ({@link dev.flow.ActivityContext#heartbeat}). A
 *       plain {@link dev.flow.FlowException} says what Flow could not do for either (encode a
 *       payload, reach the engine, start a run), with the cause.
 *   <li><b>One base.</b> Every one of them is a {@link dev.flow.FlowException}, an unchecked
 *       exception, but {@code ActivityCanceledException}, which is a {@link
 *       java.util.concurrent.CancellationException} so that code handling cancellations the JDK's
 *       way handles it too.
 *   <li><b>{@code ...Error}: a failed test assertion.</b> {@code NonDeterminismError}, from the
 *       test kit's replayer when the code no longer decides as a saved history recorded, is an
 *       {@link AssertionError}.
 *   <li>Misuse (a negative duration, a workflow method called outside workflow code) is the JDK's
 *       {@link IllegalArgumentException} or {@link IllegalStateException}, its message naming the
 *       thing and the fix.
 * </ul>
 */
package dev.flow;
