package dev.flow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The web view's one escaping helper. */
class HtmlTest {
  @Test
  void text_andAttributes_escapeEveryCharacterThatEndsTextOrAQuotedValue() {
    String evil = "<script>alert('x')</script> & \"quoted\"";
    String html =
        new Html().raw("<p").attr("title", evil).raw(">").text(evil).raw("</p>").toString();

    assertThat(html)
        .isEqualTo(
            "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;\">"
                + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;</p>");
  }

  @Test
  void plainText_isLeftAsItIs_andNullIsEmpty() {
    assertThat(Html.escape("Media.encodeVideo-4@2 in 1.2 s"))
        .isEqualTo("Media.encodeVideo-4@2 in 1.2 s");
    assertThat(new Html().text(null).toString()).isEmpty();
  }
}
