package dev.flow.processor;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** Finding Flow's annotations on elements, by name: the processor never loads them as classes. */
final class Annotations {
  private Annotations() {}

  /** The annotations of an activity method, which elsewhere are errors. */
  static final List<String> ACTIVITY_ANNOTATIONS =
      List.of(RuntimeTypes.ACTIVITY_OPTIONS, RuntimeTypes.IDEMPOTENT, RuntimeTypes.RETRY);

  /** The annotation named {@code annotationName} on {@code element}, or null. */
  static AnnotationMirror mirror(Element element, String annotationName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(annotationName)) {
        return mirror;
      }
    }
    return null;
  }

  /** Whether {@code element} carries the annotation named {@code annotationName}. */
  static boolean has(Element element, String annotationName) {
    return mirror(element, annotationName) != null;
  }

  /** {@code Retry} for {@code dev.flow.annotations.Retry}. */
  static String simpleName(String qualifiedName) {
    return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }
}
