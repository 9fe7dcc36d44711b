package dev.edgepress.generator.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Text files as an author's editor saves them: Windows line ends, a byte-order mark, not UTF-8. */
class SourceTextTest {

  private static final Path FILE = Path.of("content/post.md");

  private static String decode(byte[] bytes) throws SourceText.Unreadable {
    return SourceText.decode(FILE, bytes).text();
  }

  @Test
  void windowsAndOldMacLineEndsBecomeLineFeedsInAsciiAndOtherText() throws Exception {
    assertThat(decode("---\r\ntitle: A\r\n---\r\nText\rmore\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("---\ntitle: A\n---\nText\nmore\n");
    assertThat(decode("---\r\ntitle: Über\r\n---\r\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("---\ntitle: Über\n---\n");
  }

  @Test
  void unixTextIsKeptAsItIs() throws Exception {
    assertThat(decode("plain\ntext\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("plain\ntext\n");
    assertThat(decode("ümlaut\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("ümlaut\n");
    assertThat(decode(new byte[0])).isEmpty();
  }

  @Test
  void aByteOrderMarkIsDropped() throws Exception {
    assertThat(decode("\uFEFFtitle\r\n".getBytes(StandardCharsets.UTF_8))).isEqualTo("title\n");
  }

  @Test
  void latin1IsRefusedWithItsLineAndColumn() {
    byte[] latin1 = "a\nb\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> decode(latin1))
        .isInstanceOf(SourceText.Unreadable.class)
        .satisfies(e -> {
          var problem = ((SourceText.Unreadable) e).problem();
          assertThat(problem.line()).isEqualTo(3);
          assertThat(problem.column()).isEqualTo(4);
          assertThat(problem.message()).contains("not UTF-8").contains("byte 0xE9").contains("re-save it as UTF-8");
        });
  }
}
