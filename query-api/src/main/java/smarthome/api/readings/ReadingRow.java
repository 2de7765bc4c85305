package smarthome.api.readings;

import java.util.Map;

/** One row of sensor data: epoch milliseconds, the device type, the fields that have a value. */
record ReadingRow(long time, String type, Map<String, Object> values) {}
