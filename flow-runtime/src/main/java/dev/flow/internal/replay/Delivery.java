package dev.flow.internal.replay;

import dev.flow.DataConverter;

/** What a command's machine needs from the replay when an event reports on the command. */
interface Delivery {
  /** The run's data converter, to decode results. */
  DataConverter converter();

  /**
   * Runs {@code deliver}, the callbacks of the result of {@code origin} ({@code KIND:ID}), as the
   * delivery of that result: what they issue is {@code after} it ({@link Observations}).
   */
  void delivering(String origin, Runnable deliver);

  /** {@code command}, which the history recorded, reached its closed state: it is open no more. */
  void closed(Command<?> command);

  /** Stops the replay for good: the decider throws {@code cause}. Throw what it returns. */
  Unwind abort(RuntimeException cause);
}
