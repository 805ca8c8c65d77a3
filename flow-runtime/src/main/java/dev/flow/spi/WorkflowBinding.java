package dev.flow.spi;

import dev.flow.FlowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One {@code @Workflow} interface and its generated classes: how to make its definition from any
 * factory of implementations, its workflow client and its stubs. Listed by {@link
 * Manifest#workflowBindings()}, so that a container (such as Flow's Spring Boot starter) hosts
 * implementations it creates itself, with their dependencies, and hands out the client and the
 * stubs, without reflection.
 *
 * <pre>{@code
 * WorkflowBinding.of(ProcessVideo.class, ProcessVideoDefinition::of)
 *     .client(ProcessVideoWorkflowClient.class, ProcessVideoWorkflowClient::create)
 *     .stub(ProcessVideoStub.class, ProcessVideoStub::new)
 *     .stub(ProcessVideoSelf.class, ProcessVideoSelf::new)
 * }</pre>
 */
public final class WorkflowBinding<T> {
  private final Class<T> type;
  private final Function<? super Supplier<T>, ? extends WorkflowDefinition> definitions;
  private final List<Injectable<?>> injectables;

  private WorkflowBinding(
      Class<T> type,
      Function<? super Supplier<T>, ? extends WorkflowDefinition> definitions,
      List<Injectable<?>> injectables) {
    this.type = type;
    this.definitions = definitions;
    this.injectables = List.copyOf(injectables);
  }

  /** The binding of {@code type}, whose definitions {@code definitions} makes from a factory. */
  public static <T> WorkflowBinding<T> of(
      Class<T> type, Function<? super Supplier<T>, ? extends WorkflowDefinition> definitions) {
    return new WorkflowBinding<>(
        Objects.requireNonNull(type, "type"),
        Objects.requireNonNull(definitions, "definitions"),
        List.of());
  }

  /** This binding with workflow client class {@code clientType} too, made by {@code clients}. */
  public <S> WorkflowBinding<T> client(
      Class<S> clientType, Function<? super FlowClient, ? extends S> clients) {
    return with(new Injectable<S>(clientType, clients));
  }

  /** This binding with stub class {@code stubType} too, made by {@code stubs}. */
  public <S> WorkflowBinding<T> stub(Class<S> stubType, Supplier<? extends S> stubs) {
    return with(Injectable.stub(stubType, stubs));
  }

  private WorkflowBinding<T> with(Injectable<?> injectable) {
    List<Injectable<?>> more = new ArrayList<>(injectables);
    more.add(injectable);
    return new WorkflowBinding<>(type, definitions, more);
  }

  /** The {@code @Workflow} interface. */
  public Class<T> type() {
    return type;
  }

  /**
   * The definition whose instances {@code instances} makes: a new implementation of {@link #type()}
   * for each execution the worker runs (an instance holds the state of its run, so the factory must
   * never hand the same one out twice).
   *
   * @throws IllegalStateException from {@link WorkflowDefinition#newInstance()} when the factory
   *     returns something that does not implement {@link #type()}
   */
  public WorkflowDefinition definition(Supplier<?> instances) {
    Objects.requireNonNull(instances, "instances");
    Supplier<T> typed =
        () -> {
          Object instance = instances.get();
          if (!type.isInstance(instance)) {
            throw new IllegalStateException(
                "the factory of workflow "
                    + type.getName()
                    + " returned "
                    + (instance == null ? "null" : "a " + instance.getClass().getName())
                    + ", which does not implement it");
          }
          return type.cast(instance);
        };
    return definitions.apply(typed);
  }

  /** The generated classes application code is handed: the workflow client and the stubs. */
  public List<Injectable<?>> injectables() {
    return injectables;
  }

  @Override
  public String toString() {
    return "WorkflowBinding{" + type.getName() + "}";
  }
}
