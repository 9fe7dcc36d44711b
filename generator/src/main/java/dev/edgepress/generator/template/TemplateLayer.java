package dev.edgepress.generator.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** One place templates are looked up: the site's templates/, a theme, or the built-in defaults. */
public interface TemplateLayer {

  /** Where a template of this name would be, for messages: templates/page.html. */
  String describe(String name);

  /** The template's bytes, if this layer has it. */
  Optional<byte[]> read(String name);

  static TemplateLayer directory(Path dir, String label) {
    return new TemplateLayer() {
      @Override
      public String describe(String name) {
        return label + "/" + name;
      }

      @Override
      public Optional<byte[]> read(String name) {
        Path p = dir.resolve(name).normalize();
        if (!p.startsWith(dir) || !Files.isRegularFile(p)) {
          return Optional.empty();
        }
        try {
          return Optional.of(Files.readAllBytes(p));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read template " + p, e);
        }
      }
    };
  }

  static TemplateLayer classpath(ClassLoader loader, String prefix, String label) {
    return new TemplateLayer() {
      @Override
      public String describe(String name) {
        return label + ":" + name;
      }

      @Override
      public Optional<byte[]> read(String name) {
        if (name.contains("..")) {
          return Optional.empty();
        }
        try (InputStream in = loader.getResourceAsStream(prefix + name)) {
          return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read template " + prefix + name, e);
        }
      }
    };
  }
}
