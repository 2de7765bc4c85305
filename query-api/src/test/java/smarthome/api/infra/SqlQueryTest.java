package smarthome.api.infra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlQueryTest {
  @Test
  void onlyTheGivenFiltersAreAddedEachWithItsValuesBound() {
    SqlQuery q = new SqlQuery("select * from t where device_id = ?", "d1")
        .and("a = ?", null)
        .and("b = ?", "x")
        .and(false, "c is null")
        .and(true, "(t, id) < (?, ?)", 1, 2)
        .then(" order by t limit ?", 11);
    assertEquals("select * from t where device_id = ? and b = ? and (t, id) < (?, ?) order by t limit ?", q.text());
    assertArrayEquals(new Object[] {"d1", "x", 1, 2, 11}, q.args());
  }
}
