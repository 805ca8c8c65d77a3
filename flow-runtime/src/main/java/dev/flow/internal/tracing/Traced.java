package dev.flow.internal.tracing;

/**
 * A span, in Flow's terms: what the client and the workers record on it. {@link #NONE}, and every
 * span of {@link Tracing#NONE}, records nothing. Public only for the runtime's internal packages.
 */
public interface Traced {
  /** Records nothing. */
  Traced NONE = new Traced() {};

  /** The W3C {@code traceparent} of this span, or null when nothing is traced. */
  default String traceparent() {
    return null;
  }

  /** Sets a string attribute ({@code flow.runId}, {@code flow.outcome}, ...). */
  default void attribute(String key, String value) {}

  /** Makes this span the current one of the calling thread until the scope is closed. */
  default Scope makeCurrent() {
    return Scope.NONE;
  }

  /** Records {@code failure}: status ERROR, and the exception as an event. */
  default void failed(Throwable failure) {}

  /** Ends the span (it is exported then). */
  default void end() {}

  /** The time a span is current; closing it restores the previous one. */
  interface Scope extends AutoCloseable {
    /** Restores nothing. */
    Scope NONE = () -> {};

    @Override
    void close();
  }
}
