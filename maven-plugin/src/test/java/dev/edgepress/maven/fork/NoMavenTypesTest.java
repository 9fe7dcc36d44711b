package dev.edgepress.maven.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The package runs in the forked JVM and the daemon, whose classpath has no Maven classes. */
class NoMavenTypesTest {

  @Test
  void theForkPackageUsesNoMavenTypes() throws IOException {
    Path sources = Path.of("src/main/java/dev/edgepress/maven/fork");
    assertThat(sources).isDirectory();
    try (Stream<Path> files = Files.list(sources)) {
      List<Path> java = files.filter(f -> f.toString().endsWith(".java")).toList();
      assertThat(java).isNotEmpty();
      for (Path file : java) {
        assertThat(Files.readString(file)).as(file.toString())
            .doesNotContain("org.apache.maven", "dev.edgepress.maven.Fork;", "import dev.edgepress.maven.*");
      }
    }
  }
}
