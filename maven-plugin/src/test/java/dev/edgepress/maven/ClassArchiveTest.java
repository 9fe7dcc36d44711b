package dev.edgepress.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forked build's class-data-sharing archive, with a real JVM and a real jar. */
class ClassArchiveTest {

  @TempDir Path dir;
  Path jar;
  Path archives;

  /** A jar with one main class, as the plugin's classpath is all jars. */
  @BeforeEach
  void jar() throws IOException {
    Path src = dir.resolve("src/Hello.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, "public class Hello { public static void main(String[] a) {"
        + " System.out.println(new java.util.TreeMap<>(java.util.Map.of(\"k\", \"hello\")).get(\"k\")); } }");
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString()))
        .isZero();
    jar = dir.resolve("hello.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("Hello.class"));
      out.write(Files.readAllBytes(classes.resolve("Hello.class")));
      out.closeEntry();
    }
    archives = dir.resolve("cds");
  }

  /** Runs Hello in a JVM with the archive's options; returns its stdout and stderr. */
  private String run(ClassArchive archive) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(archive.jvmOptions());
    command.addAll(List.of("-cp", jar.toString(), "Hello"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream ignored = p.getOutputStream()) {
      // no input
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void theFirstRunWritesTheArchiveTheNextOnesMapItQuietly() throws Exception {
    ClassArchive first = ClassArchive.of(archives, jar.toString(), "-Xmx64m");
    assertThat(first.jvmOptions()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    assertThat(run(first)).isEqualTo("hello\n");
    first.forkExited(true);
    assertThat(first.file()).isRegularFile();
    assertThat(Files.size(first.file())).isGreaterThan(10_000);
    try (var list = Files.list(archives)) {
      assertThat(list.toList()).containsExactly(first.file());
    }

    ClassArchive next = ClassArchive.of(archives, jar.toString(), "-Xmx64m");
    assertThat(next.jvmOptions()).contains("-XX:SharedArchiveFile=" + first.file());
    assertThat(run(next)).as("nothing but the program's own output").isEqualTo("hello\n");

    // Other JVM options are another archive.
    assertThat(ClassArchive.of(archives, jar.toString(), "-Xmx128m").file()).isNotEqualTo(first.file());
  }

  @Test
  void aFailedBuildLeavesNoArchiveAndADamagedOneIsReplaced() throws Exception {
    ClassArchive failed = ClassArchive.of(archives, jar.toString(), "");
    run(failed);
    failed.forkExited(false);
    try (var list = Files.list(archives)) {
      assertThat(list.toList()).isEmpty();
    }

    Files.writeString(failed.file(), "not an archive");
    ClassArchive again = ClassArchive.of(archives, jar.toString(), "");
    assertThat(again.jvmOptions()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    assertThat(run(again)).isEqualTo("hello\n");
    again.forkExited(true);
    assertThat(Files.size(again.file())).isGreaterThan(10_000);
  }

  @Test
  void aNewArchiveDeletesTheUnusedAndAllButTheMostRecentlyUsed() throws Exception {
    Files.createDirectories(archives);
    java.time.Instant now = java.time.Instant.now();
    List<Path> others = new ArrayList<>();
    for (int i = 0; i < ClassArchive.KEPT + 2; i++) {
      Path other = archives.resolve("other" + i + ".jsa");
      Files.writeString(other, "another version's archive");
      // other0 used an hour ago, other1 two hours ago, ...
      Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.from(now.minusSeconds(3600L * (i + 1))));
      others.add(other);
    }
    Path unused = archives.resolve("unused.jsa");
    Files.writeString(unused, "not used for 31 days");
    Files.setLastModifiedTime(unused, java.nio.file.attribute.FileTime.from(now.minus(java.time.Duration.ofDays(31))));
    Path dead = archives.resolve("x.jsa.123.tmp");
    Files.writeString(dead, "a dump whose JVM died two days ago");
    Files.setLastModifiedTime(dead, java.nio.file.attribute.FileTime.from(now.minus(java.time.Duration.ofDays(2))));
    Path writing = archives.resolve("y.jsa.456.tmp");
    Files.writeString(writing, "another fork dumping now");

    ClassArchive made = ClassArchive.of(archives, jar.toString(), "-Xmx64m");
    run(made);
    made.forkExited(true);

    try (var list = Files.list(archives)) {
      List<Path> expected = new ArrayList<>(others.subList(0, ClassArchive.KEPT - 1));
      expected.add(made.file());
      expected.add(writing);
      assertThat(list.toList()).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void optionsThatShareClassesOrRecordAFlightGetNoArchive() {
    assertThat(ClassArchive.of(archives, jar.toString(), "-XX:StartFlightRecording=filename=b.jfr")).isNull();
    assertThat(ClassArchive.of(archives, jar.toString(), "-Xshare:off")).isNull();
  }

  @Test
  void aClasspathWithAFolderGetsNoArchive() {
    assertThat(ClassArchive.of(archives, jar + java.io.File.pathSeparator + dir.resolve("classes"), "")).isNull();
  }
}
