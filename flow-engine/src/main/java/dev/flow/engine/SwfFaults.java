package dev.flow.engine;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.swf.model.DefaultUndefinedException;
import software.amazon.awssdk.services.swf.model.DomainAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.DomainDeprecatedException;
import software.amazon.awssdk.services.swf.model.SwfException;
import software.amazon.awssdk.services.swf.model.TooManyTagsException;
import software.amazon.awssdk.services.swf.model.TypeAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.TypeDeprecatedException;
import software.amazon.awssdk.services.swf.model.TypeNotDeprecatedException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;
import software.amazon.awssdk.services.swf.model.WorkflowExecutionAlreadyStartedException;

/**
 * Builds the exceptions a real SWF endpoint would make the SDK throw: the modeled fault class, HTTP
 * status 400 and the fault name as error code, so callers that catch by class or by {@code
 * awsErrorDetails().errorCode()} see no difference.
 */
final class SwfFaults {
  private SwfFaults() {}

  static AwsServiceException unknownResource(String message) {
    return fill(UnknownResourceException.builder(), "UnknownResourceFault", message);
  }

  static AwsServiceException typeAlreadyExists(String message) {
    return fill(TypeAlreadyExistsException.builder(), "TypeAlreadyExistsFault", message);
  }

  static AwsServiceException domainAlreadyExists(String message) {
    return fill(DomainAlreadyExistsException.builder(), "DomainAlreadyExistsFault", message);
  }

  static AwsServiceException domainDeprecated(String message) {
    return fill(DomainDeprecatedException.builder(), "DomainDeprecatedFault", message);
  }

  static AwsServiceException alreadyStarted(String message) {
    return fill(
        WorkflowExecutionAlreadyStartedException.builder(),
        "WorkflowExecutionAlreadyStartedFault",
        message);
  }

  static AwsServiceException defaultUndefined(String message) {
    return fill(DefaultUndefinedException.builder(), "DefaultUndefinedFault", message);
  }

  static AwsServiceException typeDeprecated(String message) {
    return fill(TypeDeprecatedException.builder(), "TypeDeprecatedFault", message);
  }

  static AwsServiceException tooManyTags(String message) {
    return fill(TooManyTagsException.builder(), "TooManyTagsFault", message);
  }

  static AwsServiceException typeNotDeprecated(String message) {
    return fill(TypeNotDeprecatedException.builder(), "TypeNotDeprecatedFault", message);
  }

  /** A request that breaks the API's constraints (missing member, too long, bad enum). */
  static AwsServiceException validation(String message) {
    return fill(SwfException.builder(), "ValidationException", message);
  }

  /** The engine itself failed (store error, engine closed); nothing of the request was kept. */
  static AwsServiceException internal(String message, Throwable cause) {
    SwfException.Builder b = SwfException.builder();
    b.cause(cause);
    b.message(message);
    b.statusCode(500);
    b.awsErrorDetails(
        AwsErrorDetails.builder()
            .errorCode("InternalFailure")
            .errorMessage(message)
            .serviceName("Swf")
            .build());
    return b.build();
  }

  /**
   * The engine cannot serve the request now but may soon (its store cannot write); nothing of the
   * request was kept, and a retry may succeed. HTTP 503, which SDK clients retry.
   */
  static AwsServiceException unavailable(String message) {
    SwfException.Builder b = SwfException.builder();
    b.message(message);
    b.statusCode(503);
    b.awsErrorDetails(
        AwsErrorDetails.builder()
            .errorCode("ServiceUnavailable")
            .errorMessage(message)
            .serviceName("Swf")
            .build());
    return b.build();
  }

  private static AwsServiceException fill(SwfException.Builder b, String code, String message) {
    b.message(message);
    b.statusCode(400);
    b.awsErrorDetails(
        AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("Swf").build());
    return b.build();
  }
}
