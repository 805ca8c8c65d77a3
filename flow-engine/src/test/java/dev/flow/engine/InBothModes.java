package dev.flow.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs every test of the annotated class twice: once with {@link SwfMode#client} answering the
 * engine's own in-process {@code SwfClient}, once with the AWS SDK v2 {@code SwfClient} talking to
 * the same engine served over HTTP (SWF JSON 1.0). One contract suite, two modes:
 *
 * <pre>{@code
 * @InBothModes
 * class WorkflowExecutionTest {
 *   private final LocalEngine engine = LocalEngine.inMemory();
 *   private final SwfClient swf = SwfMode.client(engine); // in process, then over HTTP
 *   ...
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ClassTemplate
@ExtendWith(SwfMode.BothModes.class)
@interface InBothModes {}
