package dev.flow.it.interop;

import dev.flow.annotations.Workflow;

/** A Flow workflow whose activity runs in Python. */
@Workflow(version = "1.0", taskList = "quotes")
public interface Quote {
  String quote(String item);
}
