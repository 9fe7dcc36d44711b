package dev.edgepress.maven;

/**
 * A Cache-Control override for files matching a glob, in the publish goal's configuration:
 * {@code <cacheRules><cacheRule><glob>images/**</glob><value>public, max-age=86400</value></cacheRule></cacheRules>}.
 */
public class CacheRule {

  /** A glob matched against the file's path in the site, e.g. images/** or **&#47;*.pdf. */
  String glob;

  /** The Cache-Control value for matching files. */
  String value;
}
