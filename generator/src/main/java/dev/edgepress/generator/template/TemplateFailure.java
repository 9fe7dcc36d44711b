package dev.edgepress.generator.template;

import dev.edgepress.generator.Problem;

/**
 * A template is missing or failed while rendering; {@link #problem()} says which and where. The
 * same mistake in a template fails every page that uses it: {@link #forPages} makes one message
 * for all of them.
 */
public final class TemplateFailure extends Exception {

  private final transient Problem where;
  private final String what;
  private final String page;
  private final String fix;

  /**
   * @param where the template file and line, with the message {@code what}
   * @param page the page being rendered, as shown to the author, or null
   * @param fix what to do, appended after the page(s)
   */
  TemplateFailure(Problem where, String page, String fix) {
    super(where.message());
    this.where = where;
    this.what = where.message();
    this.page = page;
    this.fix = fix;
  }

  /** The problem, naming the page that was being rendered. */
  public Problem problem() {
    return withNote(page == null ? "" : " (while rendering " + page + ")");
  }

  /** The template file, line and message without the page: the same for every page it failed. */
  public Problem key() {
    return where;
  }

  /** The page being rendered, or null. */
  public String page() {
    return page;
  }

  /** One problem for the {@code count} pages this failure hit; {@code first} is one of them. */
  public Problem forPages(int count, String first) {
    if (count <= 1) {
      return problem();
    }
    return withNote(" (on " + count + " pages, " + (first == null ? "" : "first " + first + ", ")
        + "reported once)");
  }

  private Problem withNote(String note) {
    return new Problem(where.file(), where.line(), where.column(), what + note + fix);
  }
}
