/**
 * The embedded engine: Amazon SWF on a local SQLite file, in process and over HTTP. The only public
 * types are {@link dev.flow.engine.LocalEngine} (open, client, tick, serve, main, close; a builder
 * with a file, a clock and time skipping; its nested {@code Server}) and {@link
 * dev.flow.engine.EmbeddedEngineProvider} (for {@code FlowClient.connect("embedded:...")}).
 *
 * <p>Inside, in the order a request meets them:
 *
 * <ul>
 *   <li>{@code LocalSwfClient}: the {@code SwfClient}; hands each action to the class that serves
 *       it ({@code Requests}) and turns anything unexpected into an InternalFailure fault.
 *   <li>{@code Check}, {@code SwfFaults}: SWF's validation rules and the faults it answers with.
 *   <li>The actions, by area: {@code DomainRequests}, {@code TypeRequests}, {@code
 *       ExecutionRequests} (start, signal, cancel, terminate), {@code VisibilityRequests}
 *       (histories, descriptions, lists, counts), {@code PollRequests} (long polls), {@code
 *       ActivityWorkerRequests} (an activity task's outcome and heartbeats), {@code
 *       DecisionTaskCompletion} (RespondDecisionTaskCompleted, with {@code DecisionValidator} and
 *       {@code CrossRunDecisions}), and {@code Timeouts} (what a due deadline does).
 *   <li>{@code Engine}: the lock and the parts every action is made of: {@code GroupCommit}
 *       (actions arriving together share one SQLite transaction; each runs with a {@code Tx}, the
 *       transaction as a value, which never nests), {@code EventLog} (appends, histories served
 *       from parsed events in memory), {@code DecisionTaskMachine} (every transition of a run's
 *       decision task), {@code RunLifecycle} (a run's start and close, SWF's history limit), {@code
 *       Deadlines} (the timer service) and {@code TimeSkipping}.
 *   <li>{@code Store} (connection, transactions, schema) and one class per table owning its SQL:
 *       {@code RunTable} ({@code Run} rows), {@code EventTable}, {@code ActivityTable} ({@code
 *       ActivityTask} rows), {@code TimerTable}, {@code DeadlineTable}, {@code DomainTable}, {@code
 *       TypeTable}, {@code MetaTable}; row states as enums with their stored values ({@code
 *       DecisionTaskState}, {@code ActivityTask.State}, {@code DeadlineKind}, {@code CloseStatus},
 *       {@code Registration}, {@code TypeKind}). {@code TaskQueues} (in-memory task queues and
 *       long-poll conditions, rebuilt from the store on open), {@code Tokens}.
 * </ul>
 *
 * <p>Over HTTP ({@code LocalEngine.serve}, {@code LocalEngine.main}): {@code SwfHttpServer} (the
 * SWF JSON 1.0 protocol, a thread per connection), {@code HttpAnswer} (answers and faults as
 * written), {@code SwfActions} (the 39 actions by target name), {@code SwfJson} (bodies to and from
 * SDK model objects), {@code SigV4Verifier} (optional request signatures) and {@code ServerMain}
 * (the server process's arguments and lifecycle).
 */
package dev.flow.engine;
