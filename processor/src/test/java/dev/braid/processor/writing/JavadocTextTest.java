package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class JavadocTextTest {

  @Test
  void escapesWhatCouldEndTheCommentOrBecomeATag() {
    assertThat(JavadocText.escape("a*/b")).isEqualTo("a*&#47;b");
    assertThat(JavadocText.escape("\\u002a/")).isEqualTo("&#92;u002a&#47;");
    assertThat(JavadocText.escape("<b>@see {@code x}</b> & co"))
        .isEqualTo("&lt;b&gt;&#64;see &#123;&#64;code x&#125;&lt;&#47;b&gt; &amp; co");
  }

  @Test
  void keepsOrdinaryNames() {
    assertThat(JavadocText.escape("searchKnowledgeBase")).isEqualTo("searchKnowledgeBase");
  }
}
