package dev.edgepress.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The mojos map parameters onto the libraries' builders: AWS clients, regions and credentials are the libraries'. */
class NoAwsTypesTest {

  @Test
  void thePluginUsesNoAwsTypes() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      List<Path> java = files.filter(f -> f.toString().endsWith(".java")).toList();
      assertThat(java).hasSizeGreaterThan(10);
      for (Path file : java) {
        assertThat(Files.readString(file)).as(file.toString()).doesNotContain("software.amazon");
      }
    }
  }
}
