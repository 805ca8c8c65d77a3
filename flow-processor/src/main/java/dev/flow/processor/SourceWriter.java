package dev.flow.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes generated files through the {@link Filer}: marks each type {@code @Generated} (without a
 * date, so output is reproducible), records its originating elements (for incremental builds), and
 * reports a failure to write as an error on the first of them.
 */
final class SourceWriter {
  private final Filer filer;
  private final Diagnostics diagnostics;
  private final boolean generatedAvailable;

  SourceWriter(Filer filer, Elements elements, Diagnostics diagnostics) {
    this.filer = filer;
    this.diagnostics = diagnostics;
    this.generatedAvailable =
        elements.getTypeElement(RuntimeTypes.GENERATED.canonicalName()) != null;
  }

  /** Writes {@code file}, originating from {@code originating} (the first is where errors go). */
  void write(JavaFile file, List<? extends Element> originating) {
    TypeSpec.Builder type = file.typeSpec().toBuilder();
    if (generatedAvailable) {
      type.addAnnotation(
          AnnotationSpec.builder(RuntimeTypes.GENERATED)
              .addMember("value", "$S", RuntimeTypes.GENERATOR)
              .build());
    }
    originating.forEach(type::addOriginatingElement);
    JavaFile finished =
        JavaFile.builder(file.packageName(), type.build())
            .indent("  ")
            .skipJavaLangImports(true)
            .build();
    try {
      finished.writeTo(filer);
    } catch (IOException | RuntimeException e) {
      diagnostics.error(
          originating.get(0),
          Messages.writeFailed(qualifiedName(file), String.valueOf(e.getMessage())));
    }
  }

  /** Writes a class-output resource, such as a service file. */
  void writeResource(String path, String content, List<? extends Element> originating) {
    try {
      FileObject resource =
          filer.createResource(
              StandardLocation.CLASS_OUTPUT, "", path, originating.toArray(new Element[0]));
      try (Writer writer = resource.openWriter()) {
        writer.write(content);
      }
    } catch (IOException | RuntimeException e) {
      diagnostics.error(
          originating.get(0), Messages.writeFailed(path, String.valueOf(e.getMessage())));
    }
  }

  private static String qualifiedName(JavaFile file) {
    return file.packageName().isEmpty()
        ? file.typeSpec().name()
        : file.packageName() + "." + file.typeSpec().name();
  }
}
