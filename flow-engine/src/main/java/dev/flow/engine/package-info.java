/**
 * The embedded engine: Amazon SWF on a local SQLite file, in process and over HTTP. The only public
 * types are {@link dev.flow.engine.LocalEngine} (open, client, tick, serve, main, close; a builder
 * with a file, a clock and time skipping; its nested {@code Server}) and {@link
 * dev.flow.engine.EmbeddedEngineProvider} (for {@code FlowClient.connect("embedded:...")}).
 *
 * <p>Inside, in the order a request meets them:
 *
 * <ul>
 *   <li>{@code LocalSwfClient}: the {@code SwfClient}; maps each action to the class that serves it
 *       and turns anything unexpected into an InternalFailure fault.
 *   <li>{@code Check}, {@code Faults}: SWF's validation rules and fault types.
 *   <li>{@code Registry} (domains, types, tags), {@code Actions} (executions, polls, activity
 *       workers, visibility, timeouts), {@code Decisions} (RespondDecisionTaskCompleted).
 *   <li>{@code Engine}: the lock, group commit (actions arriving together share one SQLite
 *       transaction, each in a savepoint of its own), a per-action identity map
 *       of runs, event appends, decision-task scheduling, closing runs (child policy, parent
 *       notification, retention) and the timer service over the {@code deadlines} table, with time
 *       skipping (bookkeeping of calls and waiting long polls, the skipping clock).
 *   <li>{@code Store} (schema, statements), {@code Execution} and {@code ActivityTask} (rows),
 *       {@code TaskQueues} (in-memory task queues and long-poll conditions, rebuilt from the store
 *       on open), {@code Tokens}.
 * </ul>
 *
 * <p>Over HTTP ({@code LocalEngine.serve}, {@code LocalEngine.main}): {@code SwfHttpServer} (the
 * SWF JSON 1.0 protocol, a thread per request), {@code SwfActions} (the 39 actions by target name),
 * {@code SwfJson} (bodies to and from SDK model objects), {@code SigV4Verifier} (optional request
 * signatures) and {@code ServerMain} (the server process's arguments and lifecycle).
 */
package dev.flow.engine;
