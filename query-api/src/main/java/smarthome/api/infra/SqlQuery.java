package smarthome.api.infra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A statement grown from optional filters: a condition goes in, with its values bound, only when it
 * applies; no value is ever spliced into the text.
 */
public final class SqlQuery {
  private final StringBuilder text;
  private final List<Object> args = new ArrayList<>();

  public SqlQuery(String base, Object... args) {
    this.text = new StringBuilder(base);
    Collections.addAll(this.args, args);
  }

  /** {@code and <condition>} with one bound value, when the value is given (not null). */
  public SqlQuery and(String condition, Object value) {
    return and(value != null, condition, value);
  }

  /** {@code and <condition>} with its bound values, when it applies. */
  public SqlQuery and(boolean applies, String condition, Object... values) {
    if (applies) {
      text.append(" and ").append(condition);
      Collections.addAll(args, values);
    }
    return this;
  }

  /** Text and values added as they are, e.g. the ordering and the limit. */
  public SqlQuery then(String sql, Object... values) {
    text.append(sql);
    Collections.addAll(args, values);
    return this;
  }

  String text() {
    return text.toString();
  }

  Object[] args() {
    return args.toArray();
  }
}
