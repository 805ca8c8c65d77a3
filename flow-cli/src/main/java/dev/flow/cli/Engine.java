package dev.flow.cli;

import dev.flow.FlowClient;
import dev.flow.FlowException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;

/** The engine a command talks to, opened from {@code --engine} and {@code --domain}. */
final class Engine implements AutoCloseable {
  private final String name;
  private final FlowClient flow;
  private final SwfClient owned;

  private Engine(String name, FlowClient flow, SwfClient owned) {
    this.name = name;
    this.flow = flow;
    this.owned = owned;
  }

  /**
   * Opens {@code engine} ({@code embedded:FILE}, {@code http(s)://HOST:PORT}, {@code aws} or {@code
   * aws:REGION}) for {@code domain}.
   */
  static Engine open(String engine, String domain) {
    if (engine.startsWith("aws:")) {
      String region = engine.substring(4);
      if (region.isBlank()) {
        throw CliException.usage(
            "--engine aws: needs a region, as in aws:eu-west-1 (or plain aws for the default)");
      }
      SwfClient swf;
      try {
        swf = SwfClient.builder().region(Region.of(region)).build();
      } catch (SdkException e) {
        throw new CliException(
            "cannot open Amazon SWF in "
                + region
                + ": "
                + e.getMessage()
                + " (set credentials, or use a profile)");
      }
      return new Engine(engine, FlowClient.builder().swf(swf).domain(domain).build(), swf);
    }
    if (engine.equals("embedded") || engine.equals("embedded:")) {
      throw CliException.usage(
          "--engine "
              + engine
              + " would be an empty in-memory engine: name the engine's file,"
              + " as in embedded:flow.db");
    }
    try {
      return new Engine(engine, FlowClient.connect(engine, domain), null);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(
          e.getMessage().replace("bad engine", "--engine: bad engine").replace("embedded|", "")
              + " (or aws:REGION)");
    } catch (FlowException e) {
      throw new CliException(e.getMessage());
    }
  }

  /** The engine {@code flow} talks to (the web view's, in process); closing closes {@code flow}. */
  static Engine over(String name, FlowClient flow) {
    return new Engine(name, flow, null);
  }

  String name() {
    return name;
  }

  SwfClient swf() {
    return flow.swf();
  }

  String domain() {
    return flow.domain();
  }

  FlowClient flow() {
    return flow;
  }

  @Override
  public void close() {
    flow.close();
    if (owned != null) {
      owned.close();
    }
  }
}
