/**
 * The replaying decider, behind one facade: {@link dev.flow.internal.replay.Decider#decide}.
 *
 * <p>How it works, for those who extend it:
 *
 * <ul>
 *   <li>{@code History} reads the events once: the decision steps (completed {@code
 *       DecisionTaskStarted} events, plus the current one), the commands the history recorded in
 *       event order, and for each event the recorded command it is (arrays, no maps).
 *   <li>{@code Execution} is one replay: a thread-local context for {@code Stubs}, {@code Workflow}
 *       and {@code Settable.get()} (through the public bridge {@link
 *       dev.flow.internal.replay.InWorkflow}); the horizon (a step index and a delivery cursor);
 *       the commands issued, matched one by one with the recorded ones; and the delivery of each
 *       event to the command it reports on, through {@code Command.State} transitions checked
 *       against the history.
 *   <li>Activity and child workflow calls are {@code Execution.Call}s: each attempt, each wait
 *       between attempts (a timer) and each cancel request is a command issued as events are
 *       delivered, so retries and cancellations replay like the code's own commands. {@code
 *       Execution.finish} holds back activities beyond the open-activity cap and splits answers
 *       beyond the decisions-per-task limit ({@code Limits}), always sending a prefix of the
 *       commands in the order of issue; the split's zero-second timers ({@code flow-split-*}) are
 *       not commands, and {@code History} leaves them out.
 *   <li>Workflow code blocked at the end of the history is unwound by {@code Unwind}, an {@link
 *       Error} so that {@code catch (Exception e)} cannot swallow it; non-determinism and invalid
 *       histories found while workflow code is on the stack unwind the same way, and {@code decide}
 *       then throws them.
 * </ul>
 *
 * <p>Sticky execution ({@link dev.flow.internal.replay.StickyDecider}) reuses {@code Execution} as
 * it is: the code runs on a thread of its own, and where {@code blockUntil} finds the history
 * exhausted it parks ({@code Execution.Parking}) instead of unwinding. The next task's events
 * extend the history ({@code Execution.extend}: the commands issued past the old history's recorded
 * ones are matched with the new ones) and the same {@code advance()} goes on from there, so both
 * paths share one horizon and one command matching, and decide the same.
 */
package dev.flow.internal.replay;
