package dev.flow.processor;

import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.ExecutableElement;

/**
 * The entry method of a workflow.
 *
 * @param returnType the return type as the entry method declares it (as a member of the interface)
 * @param resultType the type of the value the execution completes with, as the entry method
 *     declares it: {@code R} for {@code R} or {@code Promise<R>} (possibly primitive), {@link
 *     TypeName#VOID} for void
 */
record EntryMethod(
    ExecutableElement element,
    String methodName,
    List<Param> params,
    TypeName returnType,
    TypeName resultType) {
  EntryMethod {
    params = List.copyOf(params);
  }
}
