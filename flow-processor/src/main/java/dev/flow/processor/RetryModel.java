package dev.flow.processor;

import java.util.List;

/** The values of a {@code @Retry}; {@code doNotRetry} holds binary class names. */
record RetryModel(
    int maximumAttempts,
    long initialIntervalSeconds,
    double backoffCoefficient,
    long maximumIntervalSeconds,
    List<String> doNotRetry) {
  RetryModel {
    doNotRetry = List.copyOf(doNotRetry);
  }
}
