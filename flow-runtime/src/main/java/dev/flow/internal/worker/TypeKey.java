package dev.flow.internal.worker;

/** A workflow or activity type: how a worker finds the implementation of a task's type. */
record TypeKey(String name, String version) {
  @Override
  public String toString() {
    return name + " " + version;
  }
}
