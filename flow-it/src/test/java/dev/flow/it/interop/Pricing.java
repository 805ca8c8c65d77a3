package dev.flow.it.interop;

import dev.flow.annotations.Activity;

/** Done by a plain Python SWF worker ({@code interop.py}), called from a Flow workflow. */
@Activity(version = "1.0", taskList = "pricing")
public interface Pricing {
  String quote(String item);
}
