package dev.flow.internal.client;

import dev.flow.FlowException;
import dev.flow.internal.Retries;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** SDK exceptions as Flow exceptions that say what was being done. */
final class Faults {
  private Faults() {}

  static FlowException wrap(String doing, SdkException e) {
    return new FlowException(doing + ": " + message(e), e);
  }

  /** The engine's message, with its fault type when it has one. */
  static String message(SdkException e) {
    String configuration = Retries.configurationProblem(e);
    if (configuration != null) {
      return configuration;
    }
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      String code = s.awsErrorDetails().errorCode();
      String message = s.awsErrorDetails().errorMessage();
      if (message == null || message.isEmpty()) {
        return code == null ? String.valueOf(e.getMessage()) : code;
      }
      return code == null ? message : message + " (" + code + ")";
    }
    return String.valueOf(e.getMessage());
  }
}
