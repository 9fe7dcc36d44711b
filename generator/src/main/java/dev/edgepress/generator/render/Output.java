package dev.edgepress.generator.render;

import dev.edgepress.generator.cache.Reads;
import dev.edgepress.generator.template.TemplateFailure;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One file of the output and how to make it.
 *
 * @param file the output file, posts/hello/index.html
 * @param origin what wants the file, for messages: content/posts/hello.md, feed /index.xml
 * @param source the file to blame for a problem with it, or null
 * @param primary whether broken links in it are reported (a page's own links, not those a list repeats)
 * @param intrinsic a fingerprint of what the renderer's own code decides for this file (which
 *     pages a list shows, a page's neighbours, the template candidates); what templates read is
 *     recorded while it renders
 * @param mustRender render even when the cache says it is unchanged (its page's Markdown changed)
 */
record Output(String file, String origin, Path source, Renderer renderer, boolean primary, long intrinsic,
    boolean mustRender) {

  Output(String file, String origin, Path source, Renderer renderer, long intrinsic) {
    this(file, origin, source, renderer, false, intrinsic, false);
  }

  /** Makes the file's bytes, recording in {@code reads} what its templates read. */
  @FunctionalInterface
  interface Renderer {
    byte[] render(Reads reads) throws TemplateFailure, IOException;
  }
}
