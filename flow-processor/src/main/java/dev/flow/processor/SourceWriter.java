package dev.flow.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Processor;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Writes generated files through the {@link Filer}: marks each type {@code @Generated} by the
 * processor that wrote it (without a date, so output is reproducible), keeps its lines within 100
 * columns ({@link GeneratedLines}), records its originating elements (for incremental builds), and
 * reports a failure to write as an error on the first of them.
 */
final class SourceWriter {
  private final Filer filer;
  private final Diagnostics diagnostics;
  private final String generator;
  private final boolean generatedAvailable;

  /** {@code generator}: the processor that writes, named in {@code @Generated}. */
  SourceWriter(
      Filer filer,
      Elements elements,
      Diagnostics diagnostics,
      Class<? extends Processor> generator) {
    this.filer = filer;
    this.diagnostics = diagnostics;
    this.generator = generator.getName();
    this.generatedAvailable =
        elements.getTypeElement(RuntimeTypes.GENERATED.canonicalName()) != null;
  }

  /** Writes {@code file}, originating from {@code originating} (the first is where errors go). */
  void write(JavaFile file, List<? extends Element> originating) {
    TypeSpec.Builder type = file.typeSpec().toBuilder();
    if (generatedAvailable) {
      type.addAnnotation(
          AnnotationSpec.builder(RuntimeTypes.GENERATED)
              .addMember("value", "$S", generator)
              .build());
    }
    JavaFile finished =
        JavaFile.builder(file.packageName(), type.build())
            .indent("  ")
            .skipJavaLangImports(true)
            .build();
    try {
      JavaFileObject source =
          filer.createSourceFile(qualifiedName(file), originating.toArray(new Element[0]));
      try (Writer writer = source.openWriter()) {
        writer.write(GeneratedLines.tidy(finished.toString()));
      }
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
