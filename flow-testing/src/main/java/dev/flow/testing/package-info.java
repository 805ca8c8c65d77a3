/**
 * Flow's test kit, the artifact {@code dev.flow:flow-testing} (test scope): {@link
 * dev.flow.testing.FlowExtension} runs each JUnit 5 test on a fresh embedded engine with time
 * skipping and a worker hosting your implementations; {@link dev.flow.testing.WorkflowReplayer}
 * replays saved histories (from AWS or the embedded engine) against the current workflow code and
 * reports, as a {@link dev.flow.testing.NonDeterminismError}, where it no longer decides as the
 * history recorded.
 */
package dev.flow.testing;
