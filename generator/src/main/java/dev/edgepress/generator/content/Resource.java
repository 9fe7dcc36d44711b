package dev.edgepress.generator.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file copied as is: from static/, the theme's static files, or next to a page in content/.
 * Either {@code file} or {@code bytes} is set (a theme in a jar is read into memory).
 *
 * @param outputPath path under the output directory, '/' separated, no leading '/'
 * @param origin where it came from, for messages: static/css/site.css, theme default: css/x.css
 */
public record Resource(Path file, byte[] bytes, String outputPath, String origin) {

  public static Resource ofFile(Path file, String outputPath, String origin) {
    return new Resource(file, null, outputPath, origin);
  }

  public static Resource ofBytes(byte[] bytes, String outputPath, String origin) {
    return new Resource(null, bytes, outputPath, origin);
  }

  public byte[] read() throws IOException {
    return bytes != null ? bytes : Files.readAllBytes(file);
  }
}
