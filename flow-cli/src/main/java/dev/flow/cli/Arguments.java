package dev.flow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** The JSON array of arguments that workflow inputs and signal inputs are. */
final class Arguments {
  private Arguments() {}

  /**
   * {@code text} as compact JSON if it is a JSON array; else a usage error naming {@code from} (the
   * option) and showing {@code example}.
   */
  static String jsonArray(String from, String text, String what, String example) {
    JsonNode parsed;
    try {
      parsed = CliCommand.JSON.readTree(text);
    } catch (IOException e) {
      throw CliException.usage(
          from
              + ": not JSON ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); expected"
              + " the JSON array of "
              + what
              + ", as in '"
              + example
              + "'");
    }
    if (parsed == null || !parsed.isArray()) {
      throw CliException.usage(
          from
              + ": expected the JSON array of "
              + what
              + ", as in '"
              + example
              + "' (a single"
              + " argument too), got "
              + Format.excerpt(text, 60));
    }
    return parsed.toString();
  }
}
