package dev.edgepress.generator.render;

import dev.edgepress.generator.Problems;
import dev.edgepress.generator.cache.BuildCache;
import dev.edgepress.generator.cache.DepKey;
import dev.edgepress.generator.cache.Hash64;
import dev.edgepress.generator.config.SiteConfig;
import dev.edgepress.generator.content.Resource;
import dev.edgepress.generator.content.SourcePage;
import dev.edgepress.generator.images.ImageSize;
import dev.edgepress.generator.markdown.LinkTargets;
import dev.edgepress.generator.markdown.MarkdownRenderer;
import dev.edgepress.generator.markdown.RenderedMarkdown;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Markdown of one build's pages: renders it, recording in the next build cache what each page's
 * Markdown read (the URLs of the pages it links to, why a linked file is not built, content files,
 * image sizes), and tells from the last cache whether a page's Markdown would come out the same.
 */
final class MarkdownPass {

  private final Fingerprints fingerprints;
  private final BuildCache previous;
  private final BuildCache.Writer next;
  private final Problems problems;
  private final Function<String, Optional<ImageSize>> images;
  private final Map<String, Long> imageFingerprints = new ConcurrentHashMap<>();
  private final MarkdownRenderer markdown;
  private final LinkTargets targets;
  private final Set<String> unresolved = ConcurrentHashMap.newKeySet();

  MarkdownPass(SiteConfig config, Selection selection, List<Resource> contentResources, List<Resource> staticFiles,
      List<Resource> themeStatic, Fingerprints fingerprints, BuildCache previous, BuildCache.Writer next,
      Problems problems) {
    this.fingerprints = fingerprints;
    this.previous = previous;
    this.next = next;
    this.problems = problems;
    Map<String, Resource> files = new HashMap<>();
    themeStatic.forEach(r -> files.put(r.outputPath(), r));
    staticFiles.forEach(r -> files.put(r.outputPath(), r));
    contentResources.forEach(r -> files.put(r.outputPath(), r));
    Map<String, Optional<ImageSize>> sizes = new ConcurrentHashMap<>();
    this.images = path -> {
      Optional<ImageSize> size = sizes.computeIfAbsent(path, p -> {
        Resource r = files.get(p);
        try {
          return r == null ? Optional.empty() : ImageSize.of(r.read());
        } catch (IOException e) {
          return Optional.empty();
        }
      });
      return size;
    };
    this.markdown = new MarkdownRenderer(config.basePath(),
        config.baseUrl().getScheme() + "://" + config.baseUrl().getRawAuthority(), config.highlight(),
        config.unsafeHtml());
    Set<String> resourcePaths = contentResources.stream().map(Resource::outputPath).collect(Collectors.toSet());
    Map<String, String> pageBySource = new HashMap<>();
    selection.paths().forEach((p, path) -> pageBySource.put(p.sourcePath(), path));
    this.targets = new LinkTargets() {
      @Override
      public Optional<String> page(String contentPath) {
        return Optional.ofNullable(pageBySource.get(contentPath));
      }

      @Override
      public Optional<String> whyNotBuilt(String contentPath) {
        return Optional.ofNullable(selection.excluded().get(contentPath));
      }

      @Override
      public boolean resource(String contentPath) {
        return resourcePaths.contains(contentPath);
      }

      @Override
      public Optional<ImageSize> image(String sitePath) {
        return images.apply(sitePath);
      }

      @Override
      public void unresolved(String destination) {
        unresolved.add(destination);
      }
    };
  }

  /** Links to Markdown files that are no pages, reported already (see {@link LinkTargets#unresolved}). */
  Set<String> unresolved() {
    return unresolved;
  }

  /**
   * A section's or the home page's text (_index.md), rendered every build (they are few) and
   * fingerprinted; nothing is recorded in the cache.
   */
  RenderedMarkdown index(SourcePage src, String path) {
    RenderedMarkdown md = markdown.render(src, targets, problems);
    fingerprints.meta(src.sourcePath(), src.frontHash(), path);
    fingerprints.summary(src.sourcePath(), md.summaryHtml(), md.truncated(), md.readingTime(), md.wordCount());
    fingerprints.content(src.sourcePath(), Fingerprints.contentOf(md.html(), md.toc()));
    return md;
  }

  /**
   * A page's summary as the last build left it, when its Markdown file and everything its Markdown
   * used are as the cache has them (kept in the next cache, fingerprinted); else empty.
   */
  Optional<RenderedMarkdown> cachedSummary(SourcePage src, String path) {
    BuildCache.Markdown m = previous.markdown(src.sourcePath());
    if (m == null || m.fileHash() != src.hash() || !fresh(m, path)) {
      return Optional.empty();
    }
    RenderedMarkdown md = new RenderedMarkdown("", m.summary(), m.truncated(), List.of(), m.words());
    fingerprints.summary(src.sourcePath(), m.summaryFingerprint(), md.readingTime(), m.words());
    fingerprints.content(src.sourcePath(), m.contentFingerprint());
    next.markdown(src.sourcePath(), m);
    return Optional.of(md);
  }

  /** What a page's Markdown read that the cache recorded: is it all the same now? */
  private boolean fresh(BuildCache.Markdown m, String path) {
    DepKey[] keys = m.keys();
    long[] fps = m.fingerprints();
    for (int i = 0; i < keys.length; i++) {
      DepKey key = keys[i];
      long now;
      if (key instanceof DepKey.OwnPath) {
        now = Hash64.of(path);
      } else if (key instanceof DepKey.LinkedPage l) {
        now = Hash64.of(targets.page(l.source()).orElse(null));
      } else if (key instanceof DepKey.NotBuilt n) {
        now = Hash64.of(targets.whyNotBuilt(n.source()).orElse(null));
      } else if (key instanceof DepKey.ContentFile c) {
        now = targets.resource(c.source()) ? 1 : 0;
      } else if (key instanceof DepKey.Image) {
        continue; // checked below, after the cheaper ones
      } else {
        return false;
      }
      if (now != fps[i]) {
        return false;
      }
    }
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] instanceof DepKey.Image img && imageFingerprints.computeIfAbsent(img.path(),
          p -> imageFingerprint(images.apply(p))) != fps[i]) {
        return false;
      }
    }
    return true;
  }

  private static long imageFingerprint(Optional<ImageSize> size) {
    return size.map(s -> Hash64.of(s.width() + "x" + s.height())).orElse(0L);
  }

  /** Renders a page's Markdown, recording what it read in the next cache. */
  RenderedMarkdown render(SourcePage src, String path) {
    Map<DepKey, Long> reads = new LinkedHashMap<>();
    reads.put(new DepKey.OwnPath(), Hash64.of(path));
    LinkTargets recording = new LinkTargets() {
      @Override
      public Optional<String> page(String contentPath) {
        Optional<String> r = targets.page(contentPath);
        reads.put(new DepKey.LinkedPage(contentPath), Hash64.of(r.orElse(null)));
        return r;
      }

      @Override
      public Optional<String> whyNotBuilt(String contentPath) {
        Optional<String> r = targets.whyNotBuilt(contentPath);
        reads.put(new DepKey.NotBuilt(contentPath), Hash64.of(r.orElse(null)));
        return r;
      }

      @Override
      public boolean resource(String contentPath) {
        boolean r = targets.resource(contentPath);
        reads.put(new DepKey.ContentFile(contentPath), r ? 1L : 0L);
        return r;
      }

      @Override
      public Optional<ImageSize> image(String sitePath) {
        Optional<ImageSize> size = targets.image(sitePath);
        reads.put(new DepKey.Image(sitePath), imageFingerprint(size));
        return size;
      }

      @Override
      public void unresolved(String destination) {
        targets.unresolved(destination);
      }
    };
    RenderedMarkdown md = markdown.render(src, recording, problems);
    long content = Fingerprints.contentOf(md.html(), md.toc());
    long summary = fingerprints.summary(src.sourcePath(), md.summaryHtml(), md.truncated(), md.readingTime(),
        md.wordCount());
    fingerprints.content(src.sourcePath(), content);
    DepKey[] keys = reads.keySet().toArray(DepKey[]::new);
    long[] fps = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      fps[i] = reads.get(keys[i]);
    }
    next.markdown(src.sourcePath(), new BuildCache.Markdown(src.hash(), keys, fps, md.summaryHtml(), md.truncated(),
        md.toc(), md.wordCount(), content, summary));
    return md;
  }
}
