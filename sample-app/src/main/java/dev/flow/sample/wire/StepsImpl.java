package dev.flow.sample.wire;

/** Takes a little while, then names the step it did. */
public final class StepsImpl implements Steps {
  private final long pauseMillis;

  public StepsImpl() {
    String pause = System.getenv("FLOW_WIRE_STEP_MILLIS");
    this.pauseMillis = pause == null || pause.isBlank() ? 20 : Long.parseLong(pause.trim());
  }

  @Override
  public String step(String name, int n) {
    try {
      Thread.sleep(pauseMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during step " + n + " of " + name, e);
    }
    return name + "#" + n;
  }
}
