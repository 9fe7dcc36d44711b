package dev.edgepress.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.publisher.invalidation.InvalidationPaths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidationPathsTest {

  @Test
  void aPageIsServedUnderThreeUrls() {
    assertThat(InvalidationPaths.forFiles(List.of("posts/a/index.html", "index.html", "feed.xml")))
        .containsExactly("/posts/a/index.html", "/posts/a/", "/posts/a", "/index.html", "/", "/feed.xml");
  }

  @Test
  void behindTheProvisionedFunctionAPageHasOnePath() {
    // The viewer-request function turns /posts/a/ into /posts/a/index.html before the cache.
    assertThat(InvalidationPaths.forObjects(List.of("posts/a/index.html", "index.html", "feed.xml")))
        .containsExactly("/posts/a/index.html", "/index.html", "/feed.xml");
  }

  @Test
  void fewPathsStayExact() {
    assertThat(InvalidationPaths.collapse(List.of("/b", "/a/", "/a"))).containsExactly("/a", "/a/", "/b");
  }

  @Test
  void manyPathsInOneFolderBecomeOneWildcard() {
    List<String> files = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      files.add("posts/p" + i + "/index.html");
    }
    files.add("about/index.html");
    List<String> paths = InvalidationPaths.collapse(InvalidationPaths.forFiles(files));
    assertThat(paths).containsExactly("/about", "/about/", "/about/index.html", "/posts/*");
  }

  @Test
  void tooManyFoldersFallBackToEverything() {
    List<String> files = new ArrayList<>();
    for (int d = 0; d < 400; d++) {
      files.add("d" + d + "/a/index.html");
    }
    assertThat(InvalidationPaths.collapse(InvalidationPaths.forFiles(files))).containsExactly("/*");
  }
}
