/**
 * Tools for testing workflows: {@link dev.flow.testing.WorkflowReplayer} replays saved histories
 * (from AWS or the embedded engine) against the current workflow code and reports where it is no
 * longer deterministic.
 */
package dev.flow.testing;
