package dev.edgepress.maven.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build that runs in another JVM says what it did as events, without Maven. */
class ForkedBuildTest {

  @TempDir Path dir;

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  BuildRequest request() {
    return BuildRequest.builder(dir, dir.resolve("target/site"), dir.resolve("target/edgepress/cache/site")).build();
  }

  @Test
  void aBuildEndsWithItsResultAndExitZero() throws Exception {
    write(dir.resolve("site.yaml"), "title: Tiny\nbaseUrl: https://tiny.example/\n");
    write(dir.resolve("content/posts/one.md"), "---\ntitle: One\ndate: 2024-01-01\n---\n\nHello.\n");
    List<BuildEvent> events = new ArrayList<>();
    int code = ForkedBuild.run(request(), events::add, Optional.empty(), false);
    assertThat(code).isZero();
    assertThat(events.get(events.size() - 1)).isEqualTo(BuildEvent.Exit.of(BuildEvent.Exit.BUILT));
    BuildEvent.Result result = (BuildEvent.Result) events.get(events.size() - 2);
    assertThat(result.pages()).isEqualTo(1);
    assertThat(result.rendered()).isEqualTo(result.files());
    assertThat(dir.resolve("target/site/posts/one/index.html")).isRegularFile();
  }

  @Test
  void problemsComeOneAnEventAndExitTwo() throws Exception {
    write(dir.resolve("content/bad.md"), "---\ntitle: Bad\ndate: someday\n---\n");
    List<BuildEvent> events = new ArrayList<>();
    int code = ForkedBuild.run(request(), events::add, Optional.empty(), false);
    assertThat(code).isEqualTo(BuildEvent.Exit.PROBLEMS);
    assertThat(events).filteredOn(BuildEvent.SiteProblem.class::isInstance).singleElement()
        .hasToString("SiteProblem[problem=content" + File.separator + "bad.md:3: 'date' must be a date such as"
            + " 2024-05-31 or 2024-05-31T09:30:00Z, not 'someday']");
    assertThat(events).noneMatch(BuildEvent.Result.class::isInstance);
    assertThat(events.get(events.size() - 1)).isEqualTo(BuildEvent.Exit.of(BuildEvent.Exit.PROBLEMS));
  }

  @Test
  void anyOtherFailureExitsOneAndSaysWhy() throws Exception {
    // The output folder cannot be created where a file is.
    write(dir.resolve("content/one.md"), "---\ntitle: One\n---\n\nHi.\n");
    write(dir.resolve("blocked"), "a file");
    BuildRequest request = BuildRequest.builder(dir, dir.resolve("blocked/site"), dir.resolve("cache")).build();
    List<BuildEvent> events = new ArrayList<>();
    int code = ForkedBuild.run(request, events::add, Optional.empty(), false);
    assertThat(code).isEqualTo(BuildEvent.Exit.FAILED);
    BuildEvent.Exit exit = (BuildEvent.Exit) events.get(events.size() - 1);
    assertThat(exit.code()).isEqualTo(BuildEvent.Exit.FAILED);
    assertThat(exit.error()).isPresent();
  }
}
