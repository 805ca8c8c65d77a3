/**
 * A small workflow and activity set for the engine-as-a-server tests: {@link
 * dev.flow.sample.wire.Chain} runs {@link dev.flow.sample.wire.Steps} one after another. Both
 * implementations have constructors the generated {@code FlowManifest} can call, so the generated
 * {@code dev.flow.sample.FlowWorkerMain} hosts them in a process of its own.
 */
package dev.flow.sample.wire;
