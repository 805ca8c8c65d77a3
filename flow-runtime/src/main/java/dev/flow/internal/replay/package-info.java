/**
 * The replaying decider, behind one facade: {@link dev.flow.internal.replay.Decider#decide}.
 *
 * <p>How it works, for those who extend it:
 *
 * <ul>
 *   <li>{@code History} reads the events once: the decision steps (completed {@code
 *       DecisionTaskStarted} events, plus the current one), the commands the history recorded in
 *       event order, and for each event the recorded command it is (arrays, no maps). Which command
 *       an event records, each command kind reads for itself.
 *   <li>{@code Execution} is one replay: a thread-local context for {@code Stubs}, {@code Workflow}
 *       and {@code Settable.get()} (through the public bridge {@link
 *       dev.flow.internal.replay.InWorkflow}), in phases (running, suspended, closed, aborted). It
 *       moves the {@code Horizon} (the step the code sees) where the code waits, and delivers that
 *       step's events through the {@code EventRouter}; the code's commands go into {@code
 *       IssuedCommands}, matched one by one with the recorded ones ({@code NonDeterminismException}
 *       names both sides when they differ).
 *   <li>Each command kind is a state machine of its own, in one file: {@code ActivityCommand},
 *       {@code ChildCommand}, {@code TimerCommand}, {@code MarkerCommand}, {@code
 *       SignalExternalCommand}, {@code CancelExternalCommand} (the cancels of activities and timers
 *       are nested in theirs). Each holds its states, its declarative transition table ({@code
 *       Transitions}), how it reads its recorded events, which events report on it, and what they
 *       do; {@code docs/replay-state-machines.md} draws every table (a test keeps it true). An
 *       event a state does not take is an invalid history, naming both events.
 *   <li>Activity and child workflow calls are {@code Call}s: each attempt, each wait between
 *       attempts (a timer) and each cancel request is a command issued as events are delivered, so
 *       retries and cancellations replay like the code's own commands. {@code Calls} makes them
 *       (ids, idempotency, results a resumed run reuses), {@code PromisedArguments} waits for their
 *       promised arguments, {@code Markers} records side effects, random seeds and versions, {@code
 *       Observations} keeps what the code depended on for the {@code control} record.
 *   <li>{@code DecisionAnswer} holds back activities beyond the open-activity cap and splits
 *       answers beyond the decisions-per-task limit ({@code Limits}), always sending a prefix of
 *       the commands in the order of issue; the split's zero-second timers ({@code flow-split-*})
 *       are not commands, and {@code History} leaves them out. {@code CloseDecisions} makes the
 *       close.
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
 * ones are matched with the new ones) and the same horizon goes on from there, so both paths share
 * one horizon and one command matching, and decide the same.
 *
 * <p>What a replay costs grows with the history, not with its square (ReplayCostTest counts it): a
 * call's {@code control} trace reads at most {@code Control.MAX_AFTER} of the results the code
 * observed, and the calls issued together after the same observations share one trace; {@code
 * IssuedCommands} counts the open activities as their states move; a sticky task appends its events
 * to the arrays of the history it extends ({@code History.extend}), which grow by half when full,
 * and reads and matches only those events.
 */
package dev.flow.internal.replay;
