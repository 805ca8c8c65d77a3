package dev.flow.internal.worker;

import dev.flow.spi.ActivityDispatcher;
import dev.flow.spi.ActivitySpec;

/** A hosted activity type and the dispatcher that runs it. */
record HostedActivity(ActivitySpec spec, ActivityDispatcher dispatcher) {}
