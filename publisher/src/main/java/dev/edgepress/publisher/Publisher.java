package dev.edgepress.publisher;

import dev.edgepress.headers.HeaderRules;
import dev.edgepress.publisher.invalidation.Invalidator;
import dev.edgepress.publisher.store.Store;
import dev.edgepress.publisher.sync.Action;
import dev.edgepress.publisher.sync.LocalFile;
import dev.edgepress.publisher.sync.Manifest;
import dev.edgepress.publisher.sync.Plan;
import dev.edgepress.publisher.sync.SiteScan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes a built site: plans against the destination's listing and manifest, then applies the
 * plan in an order that never shows a visitor a broken page (assets, then pages, then the home
 * page, then feeds and the sitemap, then the manifest, then the CDN invalidation, then deletions).
 * A failed publish can be run again and converges.
 *
 * <p>Before it changes anything it refuses ({@link PublishRefusedException}) a missing or empty
 * site, a site with no content pages, a site without site.yaml or built for a localhost baseUrl
 * when the destination is not the local folder, and, unless forced, a plan deleting more than
 * maxDeletes objects or more than half of the destination's pages ({@link PublishGuards}).
 */
public final class Publisher {

  private final Path siteDirectory;
  private final Optional<Path> siteConfig;
  private final Store store;
  private final Optional<Invalidator> invalidator;
  private final HeaderRules rules;
  private final int maxDeletes;
  private final boolean force;
  private final boolean dryRun;
  private final boolean waitForInvalidation;
  private final boolean objectPathsOnly;
  private final int concurrency;
  private final Path reportDirectory;
  private final PublishListener listener;

  private Publisher(Builder b) {
    this.siteDirectory = Objects.requireNonNull(b.siteDirectory, "siteDirectory");
    this.siteConfig = Optional.ofNullable(b.siteConfig);
    this.store = Objects.requireNonNull(b.store, "store");
    this.invalidator = Optional.ofNullable(b.invalidator);
    this.rules = b.rules;
    this.maxDeletes = b.maxDeletes;
    this.force = b.force;
    this.dryRun = b.dryRun;
    this.waitForInvalidation = b.waitForInvalidation;
    this.objectPathsOnly = b.objectPathsOnly;
    this.concurrency = b.concurrency;
    this.reportDirectory = b.reportDirectory;
    this.listener = b.listener;
  }

  public static Builder builder(Path siteDirectory, Store store) {
    return new Builder(siteDirectory, store);
  }

  public PublishReport publish() {
    long start = System.nanoTime();
    SiteScan.Scan scanned = scan();
    List<LocalFile> local = scanned.files();
    // The site's own faults first: a publish fails before the destination is even read. A dry run
    // goes on to show its plan, and warns of every refusal a publish would meet.
    List<PublishRefusedException> siteRefusals = new ArrayList<>();
    try {
      PublishGuards.requireContentPages(siteDirectory, local);
      if (!store.isLocalFolder()) {
        PublishGuards.requirePublicSite(siteDirectory, siteConfig, store.describe());
      }
    } catch (PublishRefusedException e) {
      if (!dryRun) {
        throw e;
      }
      siteRefusals.add(e);
    }
    listener.info("Comparing " + local.size() + " files with " + store.describe());
    long scannedAt = System.nanoTime();
    var remote = store.list();
    Manifest manifest = store.get(Manifest.OBJECT_NAME).map(Manifest::parse).orElse(Manifest.empty());
    long listedAt = System.nanoTime();
    Plan plan = Plan.compute(local, remote, manifest, objectPathsOnly);
    listener.debug(String.format("Timings: scan %d ms (%d files hashed), list and manifest %d ms, plan %d ms",
        (scannedAt - start) / 1_000_000, scanned.hashed(), (listedAt - scannedAt) / 1_000_000,
        (System.nanoTime() - listedAt) / 1_000_000));
    if (invalidator.isEmpty() && !plan.invalidationPaths().isEmpty()) {
      plan = new Plan(plan.actions(), plan.deletes(), plan.unchanged(), List.of(), plan.changedPaths());
    }
    write("plan.json", plan.toJson());
    long bytes = plan.actions().stream().filter(a -> a.kind() == Action.Kind.UPLOAD).mapToLong(a -> a.file().size()).sum();

    // Refusals force overrides: a dry run only warns of them. Both are checked before any change.
    List<PublishRefusedException> refusals = new ArrayList<>();
    PublishGuards.mostPagesDeleted(remote, plan.deletes(), store.describe(), planFile()).ifPresent(refusals::add);
    if (plan.deletes().size() > maxDeletes) {
      refusals.add(new PublishRefusedException(PublishRefusedException.Reason.TOO_MANY_DELETES,
          "The publish would delete " + plan.deletes().size() + " objects from " + store.describe()
          + ", more than maxDeletes (" + maxDeletes + "); nothing was changed. Check that the site and the"
          + " destination (bucket and prefix) are the ones you mean (" + planFile() + " lists them), then"
          + " raise <maxDeletes> or run again with -Dedgepress.force."));
    }

    if (dryRun) {
      for (Action a : plan.actions()) {
        listener.info("  would " + (a.kind() == Action.Kind.UPLOAD ? "upload " : "update headers of ") + a.path()
            + " (" + a.reason() + ")");
      }
      plan.deletes().forEach(d -> listener.info("  would delete " + d));
      plan.invalidationPaths().forEach(p -> listener.info("  would invalidate " + p));
      siteRefusals.forEach(r -> listener.warn("A publish would be refused: " + r.getMessage()));
      for (PublishRefusedException r : refusals) {
        listener.warn((force ? "With -Dedgepress.force, this is published although: " : "A publish would be refused: ")
            + r.getMessage());
      }
      return report(plan, bytes, null, true, start, scanned.hashed());
    }
    if (!refusals.isEmpty() && !force) {
      throw refusals.size() == 1 ? refusals.get(0) : new PublishRefusedException(refusals.get(0).reason(),
          String.join("\n", refusals.stream().map(Throwable::getMessage).toList()));
    }
    if (plan.isEmpty()) {
      listener.info("Nothing to publish: " + store.describe() + " already has this site");
      return report(plan, 0, null, false, start, scanned.hashed());
    }

    Map<String, Manifest.Entry> entries = new TreeMap<>(manifest.entries());
    try {
      apply(plan, entries);
    } catch (RuntimeException e) {
      // Record what did reach the destination, so the next run does not send it again.
      saveManifest(manifest.generation(), manifest.pending(), entries);
      throw e;
    }
    long generation = manifest.generation() + 1;
    List<String> paths = plan.invalidationPaths();
    // Objects about to be deleted leave the manifest now: if a deletion fails, the next run finds the object
    // in the listing but not in the site and deletes it again.
    plan.deletes().forEach(entries::remove);
    saveManifest(generation, paths, entries);
    String invalidationId = null;
    if (!paths.isEmpty() && invalidator.isPresent()) {
      String reference = "edgepress-" + SiteScan.sha256(generation + "\n" + String.join("\n", paths)).substring(0, 40);
      listener.info("Invalidating " + paths.size() + " paths");
      invalidationId = invalidator.get().invalidate(paths, reference, waitForInvalidation);
      saveManifest(generation, List.of(), entries);
    }
    if (!plan.deletes().isEmpty()) {
      listener.info("Deleting " + plan.deletes().size() + " objects the site no longer has");
      store.delete(plan.deletes());
    }
    return report(plan, bytes, invalidationId, false, start, scanned.hashed());
  }

  private SiteScan.Scan scan() {
    if (!Files.isDirectory(siteDirectory)) {
      throw new PublishRefusedException(PublishRefusedException.Reason.NO_SITE, "Nothing to publish: "
          + siteDirectory + " does not exist. Build the site first (mvn edgepress:build, or mvn site-publish"
          + " which builds then publishes).");
    }
    // Files whose size and time are those the last publish hashed are not read again (HashCache).
    SiteScan.Scan scan = SiteScan.scan(siteDirectory, rules,
        reportDirectory == null ? null : reportDirectory.resolve("local-hashes.tsv"));
    List<LocalFile> local = scan.files();
    if (local.isEmpty()) {
      throw new PublishRefusedException(PublishRefusedException.Reason.NO_SITE, "Nothing to publish: "
          + siteDirectory + " is empty. An empty site is never published (it would delete everything); build"
          + " the site first.");
    }
    return scan;
  }

  /** Runs the plan's phases in order; each phase's files go in parallel. */
  private void apply(Plan plan, Map<String, Manifest.Entry> entries) {
    long total = plan.actions().size();
    AtomicLong done = new AtomicLong();
    AtomicLong sent = new AtomicLong();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    ticker.scheduleAtFixedRate(() -> {
      double secs = (System.nanoTime() - started) / 1e9;
      listener.progress(done.get(), total, sent.get(), secs > 0 ? sent.get() / secs : 0);
    }, 3, 3, TimeUnit.SECONDS);
    try {
      for (int phase = 0; phase <= 3; phase++) {
        List<Future<?>> futures = new ArrayList<>();
        for (Action a : plan.actions()) {
          if (a.phase() != phase) {
            continue;
          }
          futures.add(pool.submit(() -> {
            LocalFile f = a.file();
            if (a.kind() == Action.Kind.UPLOAD) {
              store.put(f.path(), f.file(), f.headers());
              sent.addAndGet(f.size());
            } else {
              store.copy(f.path(), f.headers());
            }
            synchronized (entries) {
              entries.put(f.path(), new Manifest.Entry(f.sha256(), f.headers().fingerprint(), f.size()));
            }
            done.incrementAndGet();
          }));
        }
        awaitAll(futures);
      }
    } finally {
      ticker.shutdownNow();
      pool.shutdownNow();
    }
    // Entries of unchanged files are already right; drop those of files neither here nor there.
    listener.progress(done.get(), total, sent.get(), 0);
  }

  private static void awaitAll(List<Future<?>> futures) {
    RuntimeException first = null;
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause() instanceof RuntimeException r ? r : new PublishException(String.valueOf(e.getCause()), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PublishException("interrupted", e);
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void saveManifest(long generation, List<String> pending, Map<String, Manifest.Entry> entries) {
    Map<String, Manifest.Entry> snapshot;
    synchronized (entries) {
      snapshot = new TreeMap<>(entries);
    }
    store.put(Manifest.OBJECT_NAME, new Manifest(generation, pending, snapshot).toBytes(),
        new dev.edgepress.headers.Headers("text/tab-separated-values; charset=utf-8", "no-store"));
  }

  /**
   * The report; written to publish-report.json only for a real publish. A dry run's plan is in
   * plan.json alone, so publish-report.json keeps telling what the last real publish did.
   */
  private PublishReport report(Plan plan, long bytes, String invalidationId, boolean dry, long start, int hashed) {
    PublishReport report = new PublishReport(store.describe(), dry, plan.uploads(), plan.copies(), plan.deletes().size(),
        plan.unchanged(), bytes, hashed, plan.invalidationPaths(), invalidationId, store.requests(),
        (System.nanoTime() - start) / 1e9);
    if (!dry) {
      write("publish-report.json", report.toJson());
    }
    return report;
  }

  private String planFile() {
    return reportDirectory == null ? "the plan" : reportDirectory.resolve("plan.json").toString();
  }

  private void write(String name, String text) {
    if (reportDirectory == null) {
      return;
    }
    try {
      Files.createDirectories(reportDirectory);
      Files.writeString(reportDirectory.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + reportDirectory.resolve(name), e);
    }
  }

  /** Settings of a {@link Publisher}. */
  public static final class Builder {
    private final Path siteDirectory;
    private final Store store;
    private Path siteConfig;
    private Invalidator invalidator;
    private HeaderRules rules = HeaderRules.defaults();
    private int maxDeletes = 256;
    private boolean force;
    private boolean dryRun;
    private boolean waitForInvalidation;
    private boolean objectPathsOnly;
    private int concurrency = 16;
    private Path reportDirectory;
    private PublishListener listener = PublishListener.SILENT;

    private Builder(Path siteDirectory, Store store) {
      this.siteDirectory = siteDirectory;
      this.store = store;
    }

    /**
     * The site's settings file (site.yaml). When set and missing, publishing anywhere but the local
     * folder is refused: the site was built with the default settings (a localhost baseUrl).
     */
    public Builder siteConfig(Path file) {
      this.siteConfig = file;
      return this;
    }

    public Builder invalidator(Invalidator invalidator) {
      this.invalidator = invalidator;
      return this;
    }

    public Builder headerRules(HeaderRules rules) {
      this.rules = Objects.requireNonNull(rules);
      return this;
    }

    public Builder maxDeletes(int maxDeletes) {
      this.maxDeletes = maxDeletes;
      return this;
    }

    /**
     * Publish even when more than maxDeletes objects, or more than half of the destination's pages,
     * would be deleted. Never overrides the other refusals.
     */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    public Builder waitForInvalidation(boolean wait) {
      this.waitForInvalidation = wait;
      return this;
    }

    /**
     * The distribution rewrites {@code /dir/} to {@code /dir/index.html} before its cache (one made by
     * edgepress:provision): invalidate one path per changed object instead of every URL form.
     */
    public Builder objectPathsOnly(boolean objectPathsOnly) {
      this.objectPathsOnly = objectPathsOnly;
      return this;
    }

    public Builder concurrency(int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be 1 or more, not " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /** Where plan.json and publish-report.json are written; none when null. */
    public Builder reportDirectory(Path dir) {
      this.reportDirectory = dir;
      return this;
    }

    public Builder listener(PublishListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    public Publisher build() {
      return new Publisher(this);
    }
  }
}
