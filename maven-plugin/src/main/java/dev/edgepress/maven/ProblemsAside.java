package dev.edgepress.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.Log;

/**
 * A log that passes info and debug lines on and keeps warnings and errors aside until {@link
 * #replay}: serve's first build reports a site's problems only once, from the build that shows them
 * in the browser too.
 */
final class ProblemsAside implements Log {

  private final Log log;
  private final List<Runnable> aside = new ArrayList<>();

  ProblemsAside(Log log) {
    this.log = log;
  }

  /** Logs the warnings and errors kept aside, in their order. */
  void replay() {
    aside.forEach(Runnable::run);
    aside.clear();
  }

  @Override
  public boolean isDebugEnabled() {
    return log.isDebugEnabled();
  }

  @Override
  public void debug(CharSequence content) {
    log.debug(content);
  }

  @Override
  public void debug(CharSequence content, Throwable error) {
    log.debug(content, error);
  }

  @Override
  public void debug(Throwable error) {
    log.debug(error);
  }

  @Override
  public boolean isInfoEnabled() {
    return log.isInfoEnabled();
  }

  @Override
  public void info(CharSequence content) {
    log.info(content);
  }

  @Override
  public void info(CharSequence content, Throwable error) {
    log.info(content, error);
  }

  @Override
  public void info(Throwable error) {
    log.info(error);
  }

  @Override
  public boolean isWarnEnabled() {
    return log.isWarnEnabled();
  }

  @Override
  public void warn(CharSequence content) {
    aside.add(() -> log.warn(content));
  }

  @Override
  public void warn(CharSequence content, Throwable error) {
    aside.add(() -> log.warn(content, error));
  }

  @Override
  public void warn(Throwable error) {
    aside.add(() -> log.warn(error));
  }

  @Override
  public boolean isErrorEnabled() {
    return log.isErrorEnabled();
  }

  @Override
  public void error(CharSequence content) {
    aside.add(() -> log.error(content));
  }

  @Override
  public void error(CharSequence content, Throwable error) {
    aside.add(() -> log.error(content, error));
  }

  @Override
  public void error(Throwable error) {
    aside.add(() -> log.error(error));
  }
}
