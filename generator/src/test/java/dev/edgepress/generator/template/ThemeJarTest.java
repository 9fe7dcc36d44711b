package dev.edgepress.generator.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgepress.generator.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default theme, read from its jar. */
class ThemeJarTest {

  @TempDir Path dir;

  @Test
  void buildsInOneJvmReadTheThemeJarAtOnce() throws Exception {
    // Two serve previews, or the daemon and a build in Maven's JVM: each build opens and closes the
    // jar's file system, which is the JVM's, while the other may be reading it.
    int expected = load().staticFiles().size();
    assertThat(expected).isPositive();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> loads = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        loads.add(pool.submit(() -> load().staticFiles().size()));
      }
      for (Future<Integer> f : loads) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Theme load() {
    Problems problems = new Problems();
    Theme theme = Theme.load(Optional.empty(), dir, dir.resolve("site.yaml"), 1, getClass().getClassLoader(), problems)
        .orElseThrow();
    assertThat(problems.list()).isEmpty();
    return theme;
  }
}
