package dev.flow.cli;

/** An error the user can fix; its message says what to change. Exit status 1, or 2 for usage. */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  CliException(String message) {
    this(message, FlowCli.FAILED);
  }

  CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  static CliException usage(String message) {
    return new CliException(message, FlowCli.USAGE);
  }

  int exitCode() {
    return exitCode;
  }
}
