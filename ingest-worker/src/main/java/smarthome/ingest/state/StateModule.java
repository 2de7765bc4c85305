package smarthome.ingest.state;

import javax.sql.DataSource;
import smarthome.common.config.KafkaSettings;
import smarthome.common.kafka.Topics;
import smarthome.common.state.DeviceStatus;
import smarthome.common.state.DeviceStatusJson;
import smarthome.ingest.pipeline.Change;
import smarthome.ingest.pipeline.Component;
import smarthome.ingest.pipeline.SinkModule;

/**
 * Live device state, in two parts that run side by side: the processor (Kafka Streams) that turns
 * readings into smarthome.device-state, and the sink that copies that topic into device_state.
 */
public final class StateModule {
  private StateModule() {}

  /** The live-state processor, on its own thread like a sink. */
  public static Component processor(KafkaSettings kafka, StateSettings s) {
    return new StateService(DeviceStateTopology.options(s.punctuateEvery(), s.offlineMultiple(),
        s.offlineMin()), DeviceStateTopology.streamsConfig(kafka, s));
  }

  /** The state table's sink: smarthome.device-state into device_state. */
  public static SinkModule<Change<DeviceStatus>> sink(DataSource ds) {
    return new SinkModule<>("device-state", Topics.DEVICE_STATE,
        Change.decoder(DeviceStatusJson::parse, DeviceStatus::deviceId, DeviceStatus::lastSeen),
        new PostgresStateSink(ds), SinkModule.Intake.STEADY);
  }
}
