package dev.flow.internal.worker;

import dev.flow.FlowException;
import dev.flow.internal.Retries;
import dev.flow.spi.ActivitySpec;
import dev.flow.spi.WorkflowSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.ChildPolicy;
import software.amazon.awssdk.services.swf.model.DomainAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.RegisterActivityTypeRequest;
import software.amazon.awssdk.services.swf.model.RegisterWorkflowTypeRequest;
import software.amazon.awssdk.services.swf.model.TaskList;
import software.amazon.awssdk.services.swf.model.TypeAlreadyExistsException;
import software.amazon.awssdk.services.swf.model.UnknownResourceException;

/**
 * Registers the domain (when DescribeDomain does not know it) and types with their declared
 * defaults; what already exists is left as it is.
 */
final class Registrar {
  private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

  /** Retention of closed executions in a domain the worker registers, in days. */
  static final String RETENTION_DAYS = "1";

  private final SwfClient swf;
  private final String domain;

  Registrar(SwfClient swf, String domain) {
    this.swf = swf;
    this.domain = domain;
  }

  void registerDomain() {
    try {
      swf.describeDomain(r -> r.name(domain));
      return;
    } catch (UnknownResourceException e) {
      // register it below
    } catch (SdkException e) {
      throw fault("cannot describe domain '" + domain + "'", e);
    }
    try {
      swf.registerDomain(
          r ->
              r.name(domain)
                  .workflowExecutionRetentionPeriodInDays(RETENTION_DAYS)
                  .description("registered by a Flow worker"));
      LOG.info("registered domain {} (retention {} day)", domain, RETENTION_DAYS);
    } catch (DomainAlreadyExistsException e) {
      // registered meanwhile by another worker
    } catch (SdkException e) {
      throw fault("cannot register domain '" + domain + "'", e);
    }
  }

  void registerWorkflowType(WorkflowSpec spec) {
    RegisterWorkflowTypeRequest.Builder request =
        RegisterWorkflowTypeRequest.builder()
            .domain(domain)
            .name(spec.name())
            .version(spec.version())
            .defaultTaskList(TaskList.builder().name(spec.taskList()).build())
            .defaultTaskStartToCloseTimeout(seconds(spec.taskStartToCloseTimeoutSeconds()))
            .defaultChildPolicy(ChildPolicy.TERMINATE);
    if (spec.executionStartToCloseTimeoutSeconds() > 0) { // SWF has no NONE for this one
      request.defaultExecutionStartToCloseTimeout(
          Long.toString(spec.executionStartToCloseTimeoutSeconds()));
    }
    try {
      swf.registerWorkflowType(request.build());
      LOG.debug("registered workflow type {} {}", spec.name(), spec.version());
    } catch (TypeAlreadyExistsException e) {
      // registered before: SWF keeps the first registration's defaults
    } catch (SdkException e) {
      throw fault(
          "cannot register workflow type "
              + spec.name()
              + " "
              + spec.version()
              + " in domain '"
              + domain
              + "'",
          e);
    }
  }

  void registerActivityType(ActivitySpec spec) {
    RegisterActivityTypeRequest request =
        RegisterActivityTypeRequest.builder()
            .domain(domain)
            .name(spec.name())
            .version(spec.version())
            .defaultTaskList(TaskList.builder().name(spec.taskList()).build())
            .defaultTaskScheduleToStartTimeout(seconds(spec.scheduleToStartTimeoutSeconds()))
            .defaultTaskStartToCloseTimeout(seconds(spec.startToCloseTimeoutSeconds()))
            .defaultTaskScheduleToCloseTimeout(seconds(spec.scheduleToCloseTimeoutSeconds()))
            .defaultTaskHeartbeatTimeout(seconds(spec.heartbeatTimeoutSeconds()))
            .build();
    try {
      swf.registerActivityType(request);
      LOG.debug("registered activity type {} {}", spec.name(), spec.version());
    } catch (TypeAlreadyExistsException e) {
      // registered before: SWF keeps the first registration's defaults
    } catch (SdkException e) {
      throw fault(
          "cannot register activity type "
              + spec.name()
              + " "
              + spec.version()
              + " in domain '"
              + domain
              + "'",
          e);
    }
  }

  /** SWF's duration string: seconds, or NONE for 0. */
  static String seconds(long seconds) {
    return seconds <= 0 ? "NONE" : Long.toString(seconds);
  }

  private static FlowException fault(String doing, SdkException e) {
    String message = Retries.configurationProblem(e);
    if (message != null) {
      return new FlowException(doing + ": " + message, e);
    }
    message = e.getMessage();
    if (e instanceof AwsServiceException s
        && s.awsErrorDetails() != null
        && s.awsErrorDetails().errorMessage() != null) {
      message = s.awsErrorDetails().errorMessage() + " (" + s.awsErrorDetails().errorCode() + ")";
    }
    return new FlowException(doing + ": " + message, e);
  }
}
