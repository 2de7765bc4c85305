package smarthome.api.readings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import smarthome.api.http.Csv;
import smarthome.common.devices.DeviceType;
import smarthome.common.devices.FieldSpec;
import smarthome.common.json.Timestamps;

/** The rows of {@link ReadingsJson} as CSV: timestamp, device_id, device_type, then the type's fields. */
final class ReadingsCsv {
  private ReadingsCsv() {}

  static byte[] write(String id, SensorDataService.Rows answer) {
    List<String> fields = columns(answer);
    List<String> header = new ArrayList<>(List.of("timestamp", "device_id", "device_type"));
    header.addAll(fields);
    List<List<Object>> rows = new ArrayList<>(answer.rows().size());
    for (ReadingRow r : answer.rows()) {
      List<Object> row = new ArrayList<>(header.size());
      row.add(Timestamps.format(Instant.ofEpochMilli(r.time())));
      row.add(id);
      row.add(r.type() == null ? answer.type() : r.type());
      for (String f : fields) {
        row.add(ReadingsJson.value(r.values().get(f), answer.counts()));
      }
      rows.add(row);
    }
    return Csv.write(header, rows);
  }

  /** The fields of the device's type in the table's order, then any other field a row has. */
  private static List<String> columns(SensorDataService.Rows answer) {
    Set<String> out = new LinkedHashSet<>();
    DeviceType.fromWire(answer.type() == null ? "" : answer.type())
        .ifPresent(t -> t.fields().stream().map(FieldSpec::name).forEach(out::add));
    answer.rows().forEach(r -> out.addAll(r.values().keySet()));
    return new ArrayList<>(out);
  }
}
