package smarthome.api.live;

/**
 * One event of the live streams, as read from Kafka and checked by the topic's codec.
 *
 * @param seq this API instance's sequence number, the SSE id's second half
 * @param name the SSE event name: reading, state or deleted
 * @param deviceType null for a deleted device
 * @param status online/offline for a state event, else null
 * @param json the event's data: the reading or device-state JSON of the contract
 */
record LiveEvent(long seq, String name, String deviceId, String deviceType, String status, String json) {
  static final String READING = "reading";
  static final String STATE = "state";
  static final String DELETED = "deleted";

  /** An event before the hub numbers it. */
  record Builder(String name, String deviceId, String deviceType, String status, String json) {
    LiveEvent build(long seq) {
      return new LiveEvent(seq, name, deviceId, deviceType, status, json);
    }
  }
}
