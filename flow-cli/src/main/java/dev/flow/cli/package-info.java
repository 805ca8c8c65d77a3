/**
 * The {@code flow} command line ({@link dev.flow.cli.FlowCli}), and what it reads histories with,
 * for other tools to reuse: {@link dev.flow.cli.ExecutionHistory} (a history decoded into calls,
 * attempts, dependencies from the {@code control} records, blocked status), {@link
 * dev.flow.cli.ExecutionStats} (timings, critical path, what the time was spent waiting for) and
 * {@link dev.flow.cli.ExecutionGraph} (DOT). The commands themselves are package-private.
 */
package dev.flow.cli;
