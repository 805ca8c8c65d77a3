package dev.flow.cli.e2e;

import dev.flow.annotations.Activity;
import dev.flow.annotations.Retry;

/** Activities of the command line's own end-to-end tests. */
@Activity(version = "1.0", taskList = "cli-steps")
public interface Steps {
  /** Fails its first attempt for each name; retried after 10 s. */
  @Retry(maximumAttempts = 3, initialIntervalSeconds = 10)
  String flaky(String name);
}
