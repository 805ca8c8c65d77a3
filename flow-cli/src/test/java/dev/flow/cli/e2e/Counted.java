package dev.flow.cli.e2e;

import dev.flow.annotations.Activity;
import dev.flow.annotations.Retry;

/** A numbered step that counts its invocations and fails where a test says. */
@Activity(version = "1.0", taskList = "cli-counted")
public interface Counted {
  @Retry(maximumAttempts = 1)
  int step(int n);

  @Retry(maximumAttempts = 1)
  String other(String name);
}
