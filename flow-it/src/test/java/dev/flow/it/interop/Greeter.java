package dev.flow.it.interop;

import dev.flow.annotations.Activity;

/** Done by a Flow worker, called from a plain Python decider ({@code interop.py}). */
@Activity(version = "1.0", taskList = "greetings")
public interface Greeter {
  String greet(String name);
}
