package smarthome.api.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import smarthome.common.state.DeviceStatus;
import smarthome.common.state.DeviceStatusJson;

class DeviceRepositoryTest {
  @Test
  void latestValuesAreShownAsTheStateSinkWroteThem() throws SQLException {
    String column = DeviceStatusJson.writeLatest(Map.of(
        "temperature", new DeviceStatus.Latest(21.5, Instant.parse("2026-11-26T08:05:00.123Z")),
        "locked", new DeviceStatus.Latest(true, Instant.parse("2026-11-26T08:05:01Z"))));
    Map<String, DeviceView.Latest> latest = DeviceRepository.latest(column);
    assertEquals(new DeviceView.Latest(21.5, "2026-11-26T08:05:00.123Z"), latest.get("temperature"));
    assertEquals(new DeviceView.Latest(true, "2026-11-26T08:05:01.000Z"), latest.get("locked"));
    // jsonb hands the keys back in its own order; the API keeps that order
    assertEquals(List.of("b", "a"), List.copyOf(DeviceRepository.latest(
        "{\"b\":{\"value\":1,\"timestamp\":\"2026-01-01T00:00:00.000Z\"},"
            + "\"a\":{\"value\":2,\"timestamp\":\"2026-01-01T00:00:00.000Z\"}}").keySet()));
  }

  @Test
  void noStateYetIsNoLatestValuesAndAMalformedColumnIsAnSqlError() throws SQLException {
    assertTrue(DeviceRepository.latest(null).isEmpty());
    assertThrows(SQLException.class, () -> DeviceRepository.latest("{\"x\":{\"value\":\"high\"}}"));
  }
}
