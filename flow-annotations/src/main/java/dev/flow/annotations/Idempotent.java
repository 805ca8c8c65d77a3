package dev.flow.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that calling this activity twice with the same input has the effect of calling it once.
 * Its activity id is then a hash of type, version and input, so the same call made twice in one
 * execution is scheduled once and both promises see the one result.
 *
 * <pre>{@code
 * @Idempotent
 * String thumbnail(String videoUrl, String chapter);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Idempotent {}
