package dev.flow.spi;

/**
 * Marks an {@link software.amazon.awssdk.services.swf.SwfClient} that serves its calls in this
 * process, with no HTTP in between (the embedded engine's client). Flow passes such a client's
 * requests as they come: the per-request HTTP settings it gives every other client's calls (the
 * SDK's retries off, time limits) would mean nothing to it, and building them costs each call.
 */
public interface InProcessSwf {}
