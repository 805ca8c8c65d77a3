package dev.flow.spi;

import dev.flow.FlowClient;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A generated class that application code is handed rather than builds: a stub for workflow code
 * ({@code MediaStub}, {@code ProcessVideoStub}, {@code ProcessVideoSelf}) or a workflow client
 * ({@code ProcessVideoWorkflowClient}), with how to make one. A dependency-injection container
 * registers each as a bean of {@link #type()}; stubs ignore the {@link FlowClient}.
 *
 * @param type the generated class
 * @param factory makes an instance; clients start executions through the {@link FlowClient} given
 */
public record Injectable<S>(Class<S> type, Function<? super FlowClient, ? extends S> factory) {
  public Injectable {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(factory, "factory");
  }

  /** A stub class {@code type}, whose instances {@code stubs} makes: no client needed. */
  public static <S> Injectable<S> stub(Class<S> type, Supplier<? extends S> stubs) {
    Objects.requireNonNull(stubs, "stubs");
    return new Injectable<>(type, flow -> stubs.get());
  }

  /** A new instance; {@code flow} is the client a workflow client starts executions through. */
  public S create(FlowClient flow) {
    return Objects.requireNonNull(
        factory.apply(flow), () -> "the factory of " + type.getName() + " returned null");
  }
}
