package dev.flow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import org.junit.jupiter.api.Test;

/** What {@link SourceWriter} hands the {@link Filer}: the name, the originating elements, text. */
class SourceWriterTest {

  @Test
  void write_passesTheOriginatingElements_andNamesTheWritingProcessor() {
    List<Object[]> created = new ArrayList<>();
    StringWriter text = new StringWriter();
    Filer filer =
        fake(
            Filer.class,
            (name, args) -> {
              created.add(args);
              return new SimpleJavaFileObject(
                  URI.create("string:///p/A.java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public Writer openWriter() {
                  return text;
                }
              };
            });
    Elements elements = fake(Elements.class, (name, args) -> fake(TypeElement.class, null));
    Element first = fake(TypeElement.class, null);
    Element second = fake(TypeElement.class, null);
    SourceWriter writer =
        new SourceWriter(filer, elements, Diagnostics.silent(), FlowManifestProcessor.class);

    writer.write(
        JavaFile.builder(
                "p", TypeSpec.classBuilder("A").addJavadoc("word ".repeat(40) + "\n").build())
            .build(),
        List.of(first, second));

    assertThat(created).hasSize(1);
    assertThat(created.get(0)[0]).isEqualTo("p.A");
    assertThat(Arrays.asList((Object[]) created.get(0)[1])).containsExactly(first, second);
    assertThat(text.toString())
        .contains("@Generated(\"dev.flow.processor.FlowManifestProcessor\")\nclass A {")
        .contains(" * " + "word ".repeat(19).strip() + "\n");
    assertThat(text.toString().lines()).allMatch(line -> line.length() <= 100);
  }

  /** What a fake answers for a call of method {@code name}. */
  private interface Answer {
    Object answer(String name, Object[] args);
  }

  /** An implementation of {@code type} whose methods answer with {@code answer} (null: null). */
  private static <T> T fake(Class<T> type, Answer answer) {
    return type.cast(
        Proxy.newProxyInstance(
            SourceWriterTest.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "equals" -> proxy == args[0];
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> type.getSimpleName() + "@fake";
                };
              }
              return answer == null ? null : answer.answer(method.getName(), args);
            }));
  }
}
