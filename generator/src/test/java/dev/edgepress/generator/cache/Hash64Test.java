package dev.edgepress.generator.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The build's fingerprints tell apart what a build must: any one change to a page's text. */
class Hash64Test {

  @Test
  void everyOneCharChangeOfAPageChangesItsFingerprint() {
    String page = "<p>The first post on the new site, with ünïcödé and 漢字 in it.</p>\n".repeat(20);
    Set<Long> seen = new HashSet<>();
    seen.add(Hash64.of(page));
    for (int i = 0; i < page.length(); i++) {
      for (char c : new char[] {'x', 'é', '\u4e00', (char) (page.charAt(i) ^ 0x8000)}) {
        if (c != page.charAt(i)) {
          String changed = page.substring(0, i) + c + page.substring(i + 1);
          assertThat(seen.add(Hash64.of(changed))).as("change at %d to %s", i, c).isTrue();
        }
      }
    }
  }

  @Test
  void manyNearlyEqualStringsAndByteArraysDoNotCollide() {
    Set<Long> strings = new HashSet<>();
    Set<Long> bytes = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      String s = "content/posts/post-" + i + ".md";
      assertThat(strings.add(Hash64.of(s))).as(s).isTrue();
      assertThat(bytes.add(Hash64.of(s.getBytes(StandardCharsets.UTF_8)))).as(s).isTrue();
    }
  }

  @Test
  void orderAndBoundariesCount() {
    assertThat(Hash64.of("abcd", "efgh")).isNotEqualTo(Hash64.of("efgh", "abcd"));
    assertThat(Hash64.of("ab", "c")).isNotEqualTo(Hash64.of("a", "bc"));
    assertThat(Hash64.of("abcdabcd")).isNotEqualTo(Hash64.of("bcdabcda"));
    assertThat(Hash64.of("")).isNotEqualTo(Hash64.of((String) null));
    assertThat(Hash64.of("\0")).isNotEqualTo(Hash64.of(""));
    assertThat(Hash64.of(new byte[8])).isNotEqualTo(Hash64.of(new byte[9]));
    assertThat(new Hash64().add(1L).add(2L).get()).isNotEqualTo(new Hash64().add(2L).add(1L).get());
    // Short and long strings are hashed by two loops that must agree with themselves.
    for (int n = 0; n < 200; n++) {
      String s = "é".repeat(n);
      assertThat(Hash64.of(s)).as("%d chars", n).isEqualTo(Hash64.of(new String(s.toCharArray())));
      assertThat(Hash64.of(s)).isNotEqualTo(Hash64.of(s + "é"));
    }
    // The same input, the same fingerprint, in any thread and however long the string.
    String big = "x".repeat(3_000_000);
    assertThat(Hash64.of(big)).isEqualTo(Hash64.of(new String(big)));
  }
}
