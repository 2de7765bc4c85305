package smarthome.ingest.devices;

import java.time.Clock;
import javax.sql.DataSource;
import smarthome.common.devices.Device;
import smarthome.common.devices.DeviceCodec;
import smarthome.common.kafka.Topics;
import smarthome.ingest.pipeline.Change;
import smarthome.ingest.pipeline.SinkModule;

/** The devices sink: the compacted smarthome.devices topic (metadata and tombstones) into PostgreSQL. */
public final class DevicesModule {
  private DevicesModule() {}

  public static SinkModule<Change<Device>> create(DataSource ds, Clock clock) {
    DeviceCodec codec = new DeviceCodec(clock);
    return new SinkModule<>("devices", Topics.DEVICES,
        Change.decoder(codec::decode, Device::deviceId, Device::updatedAt), new PostgresDeviceSink(ds),
        SinkModule.Intake.STEADY);
  }
}
